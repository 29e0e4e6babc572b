import {
  classifySalesforceFailure,
  crmError,
  parseRetryAfter,
  type FailureFacts,
} from '../../../connectors/salesforce/classify-error';

const NOW = Date.parse('2024-06-01T12:00:00Z');

describe('classifySalesforceFailure', () => {
  it.each<[string, FailureFacts, string, boolean, number | undefined]>([
    ['expired session', { status: 401, errorCode: 'INVALID_SESSION_ID' }, 'CRM_AUTH_FAILED', false, undefined],
    [
      'refused password',
      { errorCode: 'invalid_grant', message: 'authentication failure' },
      'CRM_AUTH_FAILED',
      false,
      undefined,
    ],
    ['unknown client', { errorCode: 'invalid_client_id' }, 'CRM_AUTH_FAILED', false, undefined],
    [
      'a refresh that was refused',
      { status: 401, message: 'Unable to refresh session due to: authentication failure' },
      'CRM_AUTH_FAILED',
      false,
      undefined,
    ],
    [
      'a refresh that could not reach the token endpoint',
      { status: 401, message: 'Unable to refresh session due to: fetch failed' },
      'CRM_UNAVAILABLE',
      true,
      undefined,
    ],
    [
      'daily allocation used up',
      { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
      'CRM_DAILY_LIMIT',
      true,
      900_000,
    ],
    [
      'daily allocation with Retry-After',
      { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', headers: { 'retry-after': '120' } },
      'CRM_DAILY_LIMIT',
      true,
      120_000,
    ],
    [
      'concurrent long requests',
      { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' },
      'CRM_RATE_LIMITED',
      true,
      20_000,
    ],
    [
      'HTTP 429',
      { status: 429, headers: { 'retry-after': 'Sat, 01 Jun 2024 12:00:30 GMT' } },
      'CRM_RATE_LIMITED',
      true,
      30_000,
    ],
    ['no permission', { status: 403, errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }, 'CRM_FORBIDDEN', false, undefined],
    ['API disabled', { status: 403, errorCode: 'API_DISABLED_FOR_ORG' }, 'CRM_FORBIDDEN', false, undefined],
    [
      'missing record',
      { status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      'CRM_NOT_FOUND',
      false,
      undefined,
    ],
    ['deleted record', { status: 404, errorCode: 'ENTITY_IS_DELETED' }, 'CRM_NOT_FOUND', false, undefined],
    [
      'upsert key not an external id',
      {
        status: 404,
        errorCode: 'NOT_FOUND',
        message: 'Provided external ID field does not exist or is not accessible: X',
      },
      'CRM_REJECTED',
      false,
      undefined,
    ],
    ['several upsert matches', { status: 300, errorCode: 'MULTIPLE_CHOICES' }, 'CRM_CONFLICT', false, undefined],
    ['duplicate value', { status: 400, errorCode: 'DUPLICATE_VALUE' }, 'CRM_CONFLICT', false, undefined],
    ['unknown field', { status: 400, errorCode: 'INVALID_FIELD' }, 'CRM_REJECTED', false, undefined],
    ['bad query', { status: 400, errorCode: 'MALFORMED_QUERY' }, 'CRM_REJECTED', false, undefined],
    ['bad JSON', { status: 400, errorCode: 'JSON_PARSER_ERROR' }, 'CRM_REJECTED', false, undefined],
    ['too many records', { status: 400, errorCode: 'EXCEEDED_ID_LIMIT' }, 'CRM_REJECTED', false, undefined],
    ['row lock', { status: 400, errorCode: 'UNABLE_TO_LOCK_ROW' }, 'CRM_UNAVAILABLE', true, undefined],
    ['platform error', { status: 500, errorCode: 'UNKNOWN_EXCEPTION' }, 'CRM_UNAVAILABLE', true, undefined],
    [
      'maintenance',
      { status: 503, errorCode: 'SERVER_UNAVAILABLE', headers: { 'retry-after': '5' } },
      'CRM_UNAVAILABLE',
      true,
      5_000,
    ],
    ['HTML gateway error', { errorCode: 'ERROR_HTTP_502' }, 'CRM_UNAVAILABLE', true, undefined],
    ['deleted scratch org', { status: 420 }, 'CRM_UNAVAILABLE', true, undefined],
    [
      'connection refused',
      { networkCode: 'ECONNREFUSED', message: 'fetch failed' },
      'CRM_UNAVAILABLE',
      true,
      undefined,
    ],
    ['socket closed', { networkCode: 'UND_ERR_SOCKET' }, 'CRM_UNAVAILABLE', true, undefined],
    ['fetch failed without a code', { message: 'fetch failed' }, 'CRM_UNAVAILABLE', true, undefined],
    ['connect timeout', { networkCode: 'UND_ERR_CONNECT_TIMEOUT' }, 'CRM_TIMEOUT', true, undefined],
    ['client timeout', { timedOut: true }, 'CRM_TIMEOUT', true, undefined],
    ['unreadable answer', { message: 'Unexpected token < in JSON' }, 'CRM_RESPONSE_INVALID', false, undefined],
  ])('%s → %s', (_case, facts, code, retryable, retryAfterMs) => {
    const result = classifySalesforceFailure(facts, NOW);
    expect(result).toEqual(retryAfterMs === undefined ? { code, retryable } : { code, retryable, retryAfterMs });
  });

  it('reads Retry-After as seconds or as an HTTP date, never negative', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter('Sat, 01 Jun 2024 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('builds a CrmError with the vendor code and status, and no e-mail address or token in the message', () => {
    const error = crmError(
      {
        status: 400,
        errorCode: 'INVALID_EMAIL_ADDRESS',
        message: 'Email: invalid email address: jane@example.com (Bearer abc.def)',
      },
      'upsert',
      undefined,
      NOW,
    );
    expect(error).toMatchObject({
      crm: 'salesforce',
      code: 'CRM_REJECTED',
      httpStatus: 400,
      vendorCode: 'INVALID_EMAIL_ADDRESS',
      context: { operation: 'upsert', errorCode: 'INVALID_EMAIL_ADDRESS', status: 400 },
    });
    expect(error.message).not.toContain('jane@example.com');
    expect(error.message).not.toContain('abc.def');
  });
});
