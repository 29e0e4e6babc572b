import type { ErrorCode } from '../error-codes';
import type { CodeTable } from './code-table';

// The daily allocation is a rolling 24 hours, so capacity comes back gradually; look again in 15 minutes.
const DAILY_LIMIT_WAIT_MS = 15 * 60_000;
// REQUEST_LIMIT_EXCEEDED also reports the concurrent long-request limit, which frees within seconds.
const CONCURRENCY_WAIT_MS = 20_000;
const RATE_LIMIT_WAIT_MS = 60_000;

const each = (code: ErrorCode, vendorCodes: readonly string[]): Record<string, ErrorCode> =>
  Object.fromEntries(vendorCodes.map((vendorCode) => [vendorCode, code]));

/**
 * Salesforce: the API's errorCode (or the OAuth `error`) decides before the status.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export const SALESFORCE_CODES: CodeTable = {
  label: 'Salesforce',
  rules: [
    {
      when: (f) => f.vendorCode === 'REQUEST_LIMIT_EXCEEDED' && /concurren/i.test(f.message ?? ''),
      code: 'CRM_RATE_LIMITED',
      waitMs: () => CONCURRENCY_WAIT_MS,
    },
    {
      when: (f) => f.vendorCode === 'REQUEST_LIMIT_EXCEEDED',
      code: 'CRM_DAILY_LIMIT',
      waitMs: () => DAILY_LIMIT_WAIT_MS,
    },
    { when: (f) => f.status === 429, code: 'CRM_RATE_LIMITED', waitMs: () => RATE_LIMIT_WAIT_MS },
    // jsforce wraps a failed session refresh; when the token endpoint was unreachable that is not a refusal.
    {
      when: (f) => /^Unable to refresh session due to: .*(fetch failed|ECONN|ETIMEDOUT|socket)/i.test(f.message ?? ''),
      code: 'CRM_UNAVAILABLE',
    },
    { when: (f) => /^Unable to refresh session/.test(f.message ?? ''), code: 'CRM_AUTH_FAILED' },
    { when: (f) => f.status === 401, code: 'CRM_AUTH_FAILED' },
    // A 403 with an errorCode of no meaning to us is a refused request, not a missing permission.
    { when: (f) => f.status === 403 && f.vendorCode === undefined, code: 'CRM_FORBIDDEN' },
    // An upsert naming an external-id field that does not exist or is hidden from the caller
    // ("does not exist or is not accessible"): a setup problem, not a missing record.
    {
      when: (f) => f.vendorCode === 'NOT_FOUND' && /external ID field/i.test(f.message ?? ''),
      code: 'SALESFORCE_ACCESS_MISSING',
    },
  ],
  vendorCodes: {
    ...each('CRM_AUTH_FAILED', [
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
    ]),
    ...each('CRM_FORBIDDEN', [
      'INSUFFICIENT_ACCESS',
      'INSUFFICIENT_ACCESS_OR_READONLY',
      'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
      'API_DISABLED_FOR_ORG',
      'API_CURRENTLY_DISABLED',
      'FUNCTIONALITY_NOT_ENABLED',
      'FORBIDDEN',
    ]),
    // A field or object the integration user may not see or edit answers as if it did not exist
    // (field-level security); either way the fix is provisioning, not the lead.
    ...each('SALESFORCE_ACCESS_MISSING', ['INVALID_FIELD', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_TYPE']),
    ...each('CRM_NOT_FOUND', ['NOT_FOUND', 'ENTITY_IS_DELETED']),
    ...each('CRM_CONFLICT', [
      'MULTIPLE_CHOICES',
      'DUPLICATE_VALUE',
      'DUPLICATE_EXTERNAL_ID',
      'DUPLICATE_DEVELOPER_NAME',
      'DUPLICATES_DETECTED',
    ]),
    // Failures of the platform rather than of the request: the same request can succeed later.
    ...each('CRM_UNAVAILABLE', [
      'UNABLE_TO_LOCK_ROW',
      'SERVER_UNAVAILABLE',
      'UNKNOWN_EXCEPTION',
      'REQUEST_RUNNING_TOO_LONG',
      'QUERY_TIMEOUT',
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'PROCESSING_HALTED',
    ]),
  },
  statuses: {
    300: 'CRM_CONFLICT',
    404: 'CRM_NOT_FOUND',
    409: 'CRM_CONFLICT',
    // A deleted scratch org answers 420.
    420: 'CRM_UNAVAILABLE',
  },
  otherwise: (f) => {
    // OAuth errors are lower-case words; with no status they came from the token endpoint.
    if (f.vendorCode !== undefined)
      return f.status === undefined && /^[a-z_]+$/.test(f.vendorCode) ? 'CRM_AUTH_FAILED' : 'CRM_REJECTED';
    // No status, no code, no network error: jsforce failed to make sense of what came back.
    return f.message === 'fetch failed' ? 'CRM_UNAVAILABLE' : 'CRM_RESPONSE_INVALID';
  },
};
