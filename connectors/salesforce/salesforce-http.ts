import type { Connection, HttpRequest, HttpResponse } from 'jsforce';
import Transport from 'jsforce/lib/transport';
import type { HttpRequestOptions } from 'jsforce/lib/types';
import type { StreamPromise } from 'jsforce/lib/util/promise';
import type { z } from 'zod';
import { CallObservers, type CrmCallObserver } from '../../src/shared/crm-calls';
import { CrmError, isLeadpactError } from '../../src/shared/errors';
import { crmError, type SalesforceFailure } from './classify-error';

/**
 * Every REST call of the connector goes through `SalesforceHttp.send`, on jsforce's
 * `Connection#request`, so jsforce still authenticates, refreshes an expired session and replays
 * the request, and reads Sforce-Limit-Info. Two things are set per call:
 * - no transport-level retries: jsforce would retry a GET on 5xx for 15.5 s (wire-apis.md §1.2),
 *   hiding the failure from the jobs layer, which owns retries and back-off;
 * - a timeout, instead of jsforce's 30 minutes.
 * A transport that observes each response gives the classifier the status and headers, which
 * jsforce's errors do not carry.
 */

interface Observed {
  status?: number;
  headers?: Readonly<Record<string, string>>;
}

class ObservingTransport extends Transport {
  constructor(
    private readonly observed: Observed,
    private readonly onRequest: () => void,
  ) {
    super();
  }

  override httpRequest(req: HttpRequest, options?: HttpRequestOptions): StreamPromise<HttpResponse> {
    this.onRequest();
    const pending = super.httpRequest(req, options);
    void pending.then(
      (response) => {
        this.observed.status = response.statusCode;
        this.observed.headers = response.headers;
      },
      () => undefined,
    );
    return pending;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What a thrown value says about the failure. Errors from Node itself (fetch's AbortError, its
 * TypeError) may come from another realm, so this reads their shape rather than their class.
 */
export function factsOf(error: unknown, observed: Observed = {}): SalesforceFailure {
  const name = text(field(error, 'name'));
  const message = text(field(error, 'message'));
  const cause = field(error, 'cause');
  const networkCode =
    text(field(cause, 'code')) ?? text(field(field(cause, 'cause'), 'code')) ?? text(field(error, 'code'));
  const errorCode =
    text(field(error, 'errorCode')) ?? (name !== undefined && /^[a-z_]+$/.test(name) ? name : undefined);
  const timedOut = name === 'AbortError' || name === 'TimeoutError' || message === 'Request Timeout';
  return {
    status: observed.status,
    errorCode,
    message,
    networkCode:
      networkCode?.startsWith('E') === true || networkCode?.startsWith('UND_') === true ? networkCode : undefined,
    timedOut,
    headers: observed.headers,
  };
}

/** Turns anything a call threw into a CrmError; a CrmError passes through. */
export function toCrmError(error: unknown, operation: string, observed: Observed = {}): CrmError {
  if (error instanceof CrmError) return error;
  if (isLeadpactError(error)) return new CrmError('salesforce', error.code, error.message, { cause: error });
  return crmError(factsOf(error, observed), operation, error);
}

export interface HttpStats {
  readonly requests: number;
  readonly dailyUsed: number | null;
  readonly dailyLimit: number | null;
}

export class SalesforceHttp {
  private requests = 0;
  private daily: { used: number; limit: number } | undefined;
  private readonly observers = new CallObservers();

  constructor(
    private readonly conn: Connection,
    private readonly timeoutMs: number,
  ) {}

  /** One REST call; the body is validated with `schema`, anything else becomes a CrmError. */
  async send<T>(operation: string, schema: z.ZodType<T>, request: HttpRequest): Promise<T> {
    return (await this.sendTimed(operation, schema, request)).value;
  }

  /** As `send`, with the server's clock from the Date header (for change windows). */
  async sendTimed<T>(
    operation: string,
    schema: z.ZodType<T>,
    request: HttpRequest,
  ): Promise<{ value: T; serverTime: number | undefined }> {
    const observed: Observed = {};
    let requests = 0;
    const transport = new ObservingTransport(observed, () => {
      this.requests += 1;
      requests += 1;
    });
    const ended = (outcome: string) =>
      this.observers.notify({ crm: 'salesforce', operation, outcome, requests: Math.max(1, requests) });
    let body: unknown;
    try {
      body = await this.conn.request(request, { transport, retry: { maxRetries: 0 }, timeout: this.timeoutMs });
    } catch (error) {
      const failure = toCrmError(error, operation, observed);
      ended(failure.code);
      throw failure;
    } finally {
      this.readUsage(observed.headers);
    }
    const parsed = schema.safeParse(body);
    ended(parsed.success ? 'ok' : 'CRM_RESPONSE_INVALID');
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CrmError(
        'salesforce',
        'CRM_RESPONSE_INVALID',
        `Salesforce ${operation} answered an unexpected body${issue === undefined ? '' : ` at ${issue.path.join('.')}: ${issue.message}`}`,
        { context: { operation } },
      );
    }
    const date = Date.parse(observed.headers?.['date'] ?? '');
    return { value: parsed.data, serverTime: Number.isNaN(date) ? undefined : date };
  }

  /**
   * A JSON request body with its content type, as jsforce's own methods send it, and any request
   * headers of the REST API (Sforce-Auto-Assign, Sforce-Duplicate-Rule-Header).
   */
  static json(
    method: 'POST' | 'PATCH',
    url: string,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): HttpRequest {
    return { method, url, body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } };
  }

  /** `observer` hears of every call from now on: its operation, outcome and requests. */
  observeCalls(observer: CrmCallObserver): void {
    this.observers.add(observer);
  }

  stats(): HttpStats {
    return { requests: this.requests, dailyUsed: this.daily?.used ?? null, dailyLimit: this.daily?.limit ?? null };
  }

  // Sforce-Limit-Info: api-usage=used/limit, on every REST response.
  private readUsage(headers: Readonly<Record<string, string>> | undefined): void {
    const match = /api-usage=(\d+)\/(\d+)/.exec(headers?.['sforce-limit-info'] ?? '');
    if (match !== null) this.daily = { used: Number(match[1]), limit: Number(match[2]) };
  }
}
