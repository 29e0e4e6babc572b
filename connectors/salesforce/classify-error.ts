import { ERROR_CATALOGUE, type ErrorCode } from '../../src/shared/error-codes';
import { CrmError } from '../../src/shared/errors';
import { scrubText } from '../../src/shared/logger';

/**
 * The one place a Salesforce failure becomes a leadpact error: what is known about the failure
 * (HTTP status, the API's errorCode or the OAuth error, the network error code, the response
 * headers) decides the code, whether retrying can help, and how long to wait first.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */

export interface FailureFacts {
  /** HTTP status, when a response arrived. */
  readonly status?: number | undefined;
  /** The API's errorCode, an OAuth `error`, or jsforce's ERROR_HTTP_nnn for a body it could not read. */
  readonly errorCode?: string | undefined;
  readonly message?: string | undefined;
  /** ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET... when the request never got an answer. */
  readonly networkCode?: string | undefined;
  /** The client gave up waiting. */
  readonly timedOut?: boolean | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface Classification {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
}

const TIMEOUT_NETWORK = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const OAUTH_ERRORS = new Set([
  'invalid_grant',
  'invalid_client_id',
  'invalid_client',
  'unsupported_grant_type',
  'inactive_user',
  'inactive_org',
  'invalid_request',
  'unauthorized_client',
  'INVALID_SESSION_ID',
  'INVALID_AUTH_HEADER',
]);
const FORBIDDEN = new Set([
  'INSUFFICIENT_ACCESS',
  'INSUFFICIENT_ACCESS_OR_READONLY',
  'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'FUNCTIONALITY_NOT_ENABLED',
  'FORBIDDEN',
]);
const NOT_FOUND = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED']);
const CONFLICT = new Set([
  'MULTIPLE_CHOICES',
  'DUPLICATE_VALUE',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_DEVELOPER_NAME',
  'DUPLICATES_DETECTED',
]);
// Failures of the platform rather than of the request: the same request can succeed later.
const TRANSIENT = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'PROCESSING_HALTED',
]);

// The daily allocation is a rolling 24 hours, so capacity comes back gradually; look again in 15 minutes.
const DAILY_LIMIT_WAIT_MS = 15 * 60_000;
// REQUEST_LIMIT_EXCEEDED also reports the concurrent long-request limit, which frees within seconds.
const CONCURRENCY_WAIT_MS = 20_000;
const RATE_LIMIT_WAIT_MS = 60_000;

/** Retry-After as delta-seconds or an HTTP-date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function statusOf(facts: FailureFacts): number | undefined {
  if (facts.status !== undefined) return facts.status;
  const fromCode = /^ERROR_HTTP_(\d{3})$/.exec(facts.errorCode ?? '');
  return fromCode === null ? undefined : Number(fromCode[1]);
}

function withWait(code: ErrorCode, facts: FailureFacts, now: number, fallbackMs?: number): Classification {
  const retryAfterMs = parseRetryAfter(facts.headers?.['retry-after'], now) ?? fallbackMs;
  const base = { code, retryable: ERROR_CATALOGUE[code].retryable };
  return retryAfterMs === undefined ? base : { ...base, retryAfterMs };
}

function codeFor(facts: FailureFacts, status: number | undefined): ErrorCode {
  const errorCode = facts.errorCode ?? '';
  if (facts.timedOut === true || TIMEOUT_NETWORK.has(facts.networkCode ?? '')) return 'CRM_TIMEOUT';
  if (facts.networkCode !== undefined) return 'CRM_UNAVAILABLE';
  // jsforce wraps a failed session refresh; when the token endpoint was unreachable that is not a refusal.
  if (/^Unable to refresh session due to: .*(fetch failed|ECONN|ETIMEDOUT|socket)/i.test(facts.message ?? ''))
    return 'CRM_UNAVAILABLE';
  if (status === 401 || OAUTH_ERRORS.has(errorCode) || /^Unable to refresh session/.test(facts.message ?? ''))
    return 'CRM_AUTH_FAILED';
  if (FORBIDDEN.has(errorCode) || (status === 403 && errorCode === '')) return 'CRM_FORBIDDEN';
  // An upsert naming a field that is not (yet) an external id: a setup problem, not a missing record.
  if (errorCode === 'NOT_FOUND' && /external ID field/i.test(facts.message ?? '')) return 'CRM_REJECTED';
  if (NOT_FOUND.has(errorCode) || status === 404) return 'CRM_NOT_FOUND';
  if (CONFLICT.has(errorCode) || status === 300 || status === 409) return 'CRM_CONFLICT';
  if (TRANSIENT.has(errorCode) || status === 420 || (status !== undefined && status >= 500)) return 'CRM_UNAVAILABLE';
  if (status !== undefined && status >= 400) return 'CRM_REJECTED';
  if (errorCode !== '') return status === undefined && /^[a-z_]+$/.test(errorCode) ? 'CRM_AUTH_FAILED' : 'CRM_REJECTED';
  // No status, no code, no network error: jsforce failed to make sense of what came back.
  return facts.message === 'fetch failed' ? 'CRM_UNAVAILABLE' : 'CRM_RESPONSE_INVALID';
}

export function classifySalesforceFailure(facts: FailureFacts, now: number = Date.now()): Classification {
  const status = statusOf(facts);
  if (facts.errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    const concurrency = /concurren/i.test(facts.message ?? '');
    return concurrency
      ? withWait('CRM_RATE_LIMITED', facts, now, CONCURRENCY_WAIT_MS)
      : withWait('CRM_DAILY_LIMIT', facts, now, DAILY_LIMIT_WAIT_MS);
  }
  if (status === 429) return withWait('CRM_RATE_LIMITED', facts, now, RATE_LIMIT_WAIT_MS);
  const code = codeFor(facts, status);
  return code === 'CRM_UNAVAILABLE' ? withWait(code, facts, now) : { code, retryable: ERROR_CATALOGUE[code].retryable };
}

/** Whether a record-level statusCode of a SaveResult may succeed when the same record is sent again. */
export function isRetryableRecordError(statusCode: string): boolean {
  return TRANSIENT.has(statusCode);
}

/** A CrmError for a classified failure; the message is scrubbed of e-mail addresses and tokens. */
export function crmError(facts: FailureFacts, operation: string, cause: unknown, now: number = Date.now()): CrmError {
  const { code, retryAfterMs } = classifySalesforceFailure(facts, now);
  const what =
    facts.errorCode ??
    (facts.status === undefined ? facts.networkCode : `HTTP ${facts.status}`) ??
    (facts.timedOut === true ? 'timeout' : 'failure');
  const message = `Salesforce ${operation} failed: ${what}${facts.message === undefined ? '' : ` — ${scrubText(facts.message).slice(0, 300)}`}`;
  const details = {
    cause,
    context: {
      operation,
      ...(facts.errorCode === undefined ? {} : { errorCode: facts.errorCode }),
      ...(facts.status === undefined ? {} : { status: facts.status }),
    },
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(facts.status === undefined ? {} : { httpStatus: facts.status }),
    ...(facts.errorCode === undefined ? {} : { vendorCode: facts.errorCode }),
  };
  return new CrmError('salesforce', code, message, details);
}
