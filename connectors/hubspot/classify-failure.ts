import { z } from 'zod';
import { CrmError } from '../../src/shared/errors';
import type { ErrorCode } from '../../src/shared/error-codes';
import { scrubText } from '../../src/shared/logger';

/** What @hubspot/api-client throws for an HTTP status it did not declare (an ApiException). */
const apiExceptionSchema = z.object({
  code: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).default({}),
});

/** HubSpot's error body; every field is optional (https://developers.hubspot.com/docs/api-reference/latest/error-handling). */
const errorBodySchema = z.object({
  message: z.string().optional(),
  category: z.string().optional(),
  policyName: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.string().optional(),
        message: z.string().optional(),
        context: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

const networkErrorSchema = z.object({ code: z.string() });

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
]);

/** HubSpot's ten-second window, the wait when a rolling-window 429 names no Retry-After. */
const TEN_SECONDS = 10_000;
/** "Include a delay of at least 2 seconds between your API requests" on 423 Locked (object API docs). */
const LOCKED_DELAY_MS = 2_000;
const DAY_MS = 86_400_000;

/**
 * The one place a HubSpot failure becomes a CrmError: HTTP status, body (category, policyName,
 * error codes), Retry-After, or the network error code. Pure: `now` only dates a daily-limit reset.
 */
export function classifyHubSpotFailure(failure: unknown, now: number): CrmError {
  if (failure instanceof CrmError) return failure;
  const http = apiExceptionSchema.safeParse(failure);
  if (http.success) return fromHttp(http.data.code, http.data.body, lowerKeys(http.data.headers), now, failure);
  if (failure instanceof z.ZodError)
    return new CrmError(
      'hubspot',
      'CRM_RESPONSE_INVALID',
      `HubSpot answered with a body we do not understand: ${failure.issues[0]?.message ?? ''}`,
      { cause: failure },
    );
  const network = networkErrorSchema.safeParse(failure);
  if (network.success && TIMEOUT_CODES.has(network.data.code))
    return new CrmError('hubspot', 'CRM_TIMEOUT', 'HubSpot did not answer in time.', {
      cause: failure,
      vendorCode: network.data.code,
    });
  if (network.success && NETWORK_CODES.has(network.data.code))
    return new CrmError('hubspot', 'CRM_UNAVAILABLE', `HubSpot could not be reached (${network.data.code}).`, {
      cause: failure,
      vendorCode: network.data.code,
    });
  const message = failure instanceof Error ? failure.message : String(failure);
  return new CrmError(
    'hubspot',
    'CRM_RESPONSE_INVALID',
    `HubSpot call failed unexpectedly: ${scrubText(message).slice(0, 200)}`,
    { cause: failure },
  );
}

function fromHttp(
  status: number,
  rawBody: unknown,
  headers: Readonly<Record<string, string>>,
  now: number,
  cause: unknown,
): CrmError {
  const body = errorBodySchema.safeParse(typeof rawBody === 'string' ? safeJson(rawBody) : rawBody);
  const parsed = body.success ? body.data : {};
  const vendorCode = parsed.policyName ?? parsed.errors?.find((e) => e.code !== undefined)?.code ?? parsed.category;
  const fields = (parsed.errors ?? []).flatMap((e) => propertyNames(e.context));
  const text = `HubSpot answered ${status}${vendorCode === undefined ? '' : ` ${vendorCode}`}: ${scrubText(parsed.message ?? '').slice(0, 300)}`;
  const existingId = /Existing ID: (\d+)/.exec(parsed.message ?? '')?.[1];
  const context = { ...(fields.length > 0 ? { fields } : {}), ...(existingId === undefined ? {} : { existingId }) };
  const details = { cause, httpStatus: status, ...(vendorCode === undefined ? {} : { vendorCode }), context };
  const code = codeFor(status, parsed.policyName, parsed.message);
  const retryAfterMs =
    code === 'CRM_RATE_LIMITED' || code === 'CRM_DAILY_LIMIT'
      ? waitFor(status, parsed.policyName, headers, now)
      : retryAfter(headers);
  return new CrmError('hubspot', code, text, retryAfterMs === undefined ? details : { ...details, retryAfterMs });
}

function codeFor(status: number, policyName: string | undefined, message: string | undefined): ErrorCode {
  if (status === 429)
    return policyName === 'DAILY' || /daily limit/i.test(message ?? '') ? 'CRM_DAILY_LIMIT' : 'CRM_RATE_LIMITED';
  if (status === 423) return 'CRM_RATE_LIMITED';
  if (status === 401) return 'CRM_AUTH_FAILED';
  if (status === 403) return 'CRM_FORBIDDEN';
  if (status === 404) return 'CRM_NOT_FOUND';
  if (status === 409) return 'CRM_CONFLICT';
  if (status === 408 || status === 504) return 'CRM_TIMEOUT';
  if (status >= 500) return 'CRM_UNAVAILABLE';
  if (status >= 400) return 'CRM_REJECTED';
  return 'CRM_RESPONSE_INVALID';
}

/** Retry-After when sent; otherwise what the policy implies (the rolling window, a second, midnight). */
function waitFor(
  status: number,
  policyName: string | undefined,
  headers: Readonly<Record<string, string>>,
  now: number,
): number {
  const stated = retryAfter(headers);
  if (stated !== undefined) return stated;
  if (status === 423) return LOCKED_DELAY_MS;
  if (policyName === 'DAILY') return (Math.floor(now / DAY_MS) + 1) * DAY_MS - now;
  if (policyName === 'SECONDLY') return 1_000;
  const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(interval) && interval > 0 ? interval : TEN_SECONDS;
}

function retryAfter(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function propertyNames(context: Readonly<Record<string, unknown>> | undefined): string[] {
  const names = context?.['propertyName'];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
