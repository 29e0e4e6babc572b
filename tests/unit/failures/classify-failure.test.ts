import type { ErrorCode } from '../../../src/shared/error-codes';
import { classify, classifyFailure, isRetryableVendorCode, type FailureFacts } from '../../../src/shared/failures';

const NOW = Date.parse('2024-06-01T18:00:00Z');
const hs = (facts: Omit<FailureFacts, 'crm'>): FailureFacts => ({ crm: 'hubspot', ...facts });
const sf = (facts: Omit<FailureFacts, 'crm'>): FailureFacts => ({ crm: 'salesforce', ...facts });

describe('classify: one table for both CRMs', () => {
  it.each<[string, FailureFacts, ErrorCode, boolean, number | undefined]>([
    // HubSpot: rate limits, by policy, with and without Retry-After
    [
      'hubspot 429 TEN_SECONDLY_ROLLING with Retry-After',
      hs({ status: 429, vendorCode: 'TEN_SECONDLY_ROLLING', headers: { 'retry-after': '3' } }),
      'CRM_RATE_LIMITED',
      true,
      3_000,
    ],
    [
      'hubspot 429 without Retry-After waits the reported window',
      hs({
        status: 429,
        vendorCode: 'TEN_SECONDLY_ROLLING',
        headers: { 'x-hubspot-ratelimit-interval-milliseconds': '10000' },
      }),
      'CRM_RATE_LIMITED',
      true,
      10_000,
    ],
    [
      'hubspot 429 with an HTTP-date Retry-After',
      hs({
        status: 429,
        vendorCode: 'TEN_SECONDLY_ROLLING',
        headers: { 'retry-after': 'Sat, 01 Jun 2024 18:00:04 GMT' },
      }),
      'CRM_RATE_LIMITED',
      true,
      4_000,
    ],
    ['hubspot 429 SECONDLY (search)', hs({ status: 429, vendorCode: 'SECONDLY' }), 'CRM_RATE_LIMITED', true, 1_000],
    [
      'hubspot 429 DAILY waits until midnight UTC',
      hs({ status: 429, vendorCode: 'DAILY' }),
      'CRM_DAILY_LIMIT',
      true,
      6 * 3_600_000,
    ],
    [
      'hubspot 429 naming the daily limit only in its message',
      hs({ status: 429, message: 'You have reached your daily limit.' }),
      'CRM_DAILY_LIMIT',
      true,
      10_000,
    ],
    ['hubspot 423 Locked', hs({ status: 423, vendorCode: 'LOCKED' }), 'CRM_RATE_LIMITED', true, 2_000],
    // HubSpot: statuses
    ['hubspot 500', hs({ status: 500, vendorCode: 'INTERNAL_ERROR' }), 'CRM_UNAVAILABLE', true, undefined],
    ['hubspot 502 without a body', hs({ status: 502 }), 'CRM_UNAVAILABLE', true, undefined],
    [
      'hubspot 503 with Retry-After',
      hs({ status: 503, headers: { 'retry-after': '5' } }),
      'CRM_UNAVAILABLE',
      true,
      5_000,
    ],
    ['hubspot 504', hs({ status: 504 }), 'CRM_TIMEOUT', true, undefined],
    ['hubspot 401', hs({ status: 401, vendorCode: 'INVALID_AUTHENTICATION' }), 'CRM_AUTH_FAILED', false, undefined],
    [
      'hubspot 403 missing scopes',
      hs({ status: 403, vendorCode: 'MISSING_SCOPES' }),
      'HUBSPOT_SCOPE_MISSING',
      false,
      undefined,
    ],
    ['hubspot 403', hs({ status: 403 }), 'CRM_FORBIDDEN', false, undefined],
    ['hubspot 404', hs({ status: 404, vendorCode: 'OBJECT_NOT_FOUND' }), 'CRM_NOT_FOUND', false, undefined],
    ['hubspot 409', hs({ status: 409, vendorCode: 'CONFLICT' }), 'CRM_CONFLICT', false, undefined],
    [
      'hubspot 400 PROPERTY_DOESNT_EXIST',
      hs({ status: 400, vendorCode: 'PROPERTY_DOESNT_EXIST' }),
      'CRM_REJECTED',
      false,
      undefined,
    ],
    [
      'hubspot 400 with Retry-After keeps no wait',
      hs({ status: 400, headers: { 'retry-after': '5' } }),
      'CRM_REJECTED',
      false,
      undefined,
    ],
    // HubSpot: no answer
    ['hubspot ETIMEDOUT', hs({ networkCode: 'ETIMEDOUT' }), 'CRM_TIMEOUT', true, undefined],
    ['hubspot ECONNREFUSED', hs({ networkCode: 'ECONNREFUSED' }), 'CRM_UNAVAILABLE', true, undefined],
    ['hubspot ECONNRESET', hs({ networkCode: 'ECONNRESET' }), 'CRM_UNAVAILABLE', true, undefined],
    [
      'hubspot answer the SDK could not parse',
      hs({ message: 'Cannot parse content. No Content-Type defined.' }),
      'CRM_RESPONSE_INVALID',
      false,
      undefined,
    ],
    // Salesforce: authentication
    [
      'salesforce expired session',
      sf({ status: 401, vendorCode: 'INVALID_SESSION_ID' }),
      'CRM_AUTH_FAILED',
      false,
      undefined,
    ],
    [
      'salesforce refused password',
      sf({ vendorCode: 'invalid_grant', message: 'authentication failure' }),
      'CRM_AUTH_FAILED',
      false,
      undefined,
    ],
    ['salesforce unknown client', sf({ vendorCode: 'invalid_client_id' }), 'CRM_AUTH_FAILED', false, undefined],
    [
      'salesforce refresh that was refused',
      sf({ status: 401, message: 'Unable to refresh session due to: authentication failure' }),
      'CRM_AUTH_FAILED',
      false,
      undefined,
    ],
    [
      'salesforce refresh that could not reach the token endpoint',
      sf({ status: 401, message: 'Unable to refresh session due to: fetch failed' }),
      'CRM_UNAVAILABLE',
      true,
      undefined,
    ],
    // Salesforce: limits
    [
      'salesforce daily allocation used up',
      sf({ status: 403, vendorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }),
      'CRM_DAILY_LIMIT',
      true,
      900_000,
    ],
    [
      'salesforce daily allocation with Retry-After',
      sf({ status: 403, vendorCode: 'REQUEST_LIMIT_EXCEEDED', headers: { 'retry-after': '120' } }),
      'CRM_DAILY_LIMIT',
      true,
      120_000,
    ],
    [
      'salesforce concurrent long requests',
      sf({ status: 403, vendorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }),
      'CRM_RATE_LIMITED',
      true,
      20_000,
    ],
    [
      'salesforce 429 with an HTTP-date Retry-After',
      sf({ status: 429, headers: { 'retry-after': 'Sat, 01 Jun 2024 18:00:30 GMT' } }),
      'CRM_RATE_LIMITED',
      true,
      30_000,
    ],
    ['salesforce 429 without Retry-After', sf({ status: 429 }), 'CRM_RATE_LIMITED', true, 60_000],
    // Salesforce: refusals
    [
      'salesforce no permission',
      sf({ status: 403, vendorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }),
      'CRM_FORBIDDEN',
      false,
      undefined,
    ],
    [
      'salesforce API disabled',
      sf({ status: 403, vendorCode: 'API_DISABLED_FOR_ORG' }),
      'CRM_FORBIDDEN',
      false,
      undefined,
    ],
    ['salesforce bare 403', sf({ status: 403 }), 'CRM_FORBIDDEN', false, undefined],
    [
      'salesforce missing record',
      sf({ status: 404, vendorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }),
      'CRM_NOT_FOUND',
      false,
      undefined,
    ],
    [
      'salesforce deleted record',
      sf({ status: 404, vendorCode: 'ENTITY_IS_DELETED' }),
      'CRM_NOT_FOUND',
      false,
      undefined,
    ],
    [
      'salesforce upsert key not an external id',
      sf({
        status: 404,
        vendorCode: 'NOT_FOUND',
        message: 'Provided external ID field does not exist or is not accessible: X',
      }),
      'SALESFORCE_ACCESS_MISSING',
      false,
      undefined,
    ],
    [
      'salesforce several upsert matches',
      sf({ status: 300, vendorCode: 'MULTIPLE_CHOICES' }),
      'CRM_CONFLICT',
      false,
      undefined,
    ],
    [
      'salesforce duplicate value',
      sf({ status: 400, vendorCode: 'DUPLICATE_VALUE' }),
      'CRM_CONFLICT',
      false,
      undefined,
    ],
    // An unknown field and a field hidden by field-level security answer alike: a setup problem.
    [
      'salesforce unknown or hidden field',
      sf({ status: 400, vendorCode: 'INVALID_FIELD' }),
      'SALESFORCE_ACCESS_MISSING',
      false,
      undefined,
    ],
    [
      'salesforce field not writable',
      sf({ status: 400, vendorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' }),
      'SALESFORCE_ACCESS_MISSING',
      false,
      undefined,
    ],
    ['salesforce bad query', sf({ status: 400, vendorCode: 'MALFORMED_QUERY' }), 'CRM_REJECTED', false, undefined],
    ['salesforce code without a status', sf({ vendorCode: 'MALFORMED_QUERY' }), 'CRM_REJECTED', false, undefined],
    // Salesforce: transient
    ['salesforce row lock', sf({ status: 400, vendorCode: 'UNABLE_TO_LOCK_ROW' }), 'CRM_UNAVAILABLE', true, undefined],
    [
      'salesforce platform error',
      sf({ status: 500, vendorCode: 'UNKNOWN_EXCEPTION' }),
      'CRM_UNAVAILABLE',
      true,
      undefined,
    ],
    [
      'salesforce maintenance',
      sf({ status: 503, vendorCode: 'SERVER_UNAVAILABLE', headers: { 'retry-after': '5' } }),
      'CRM_UNAVAILABLE',
      true,
      5_000,
    ],
    ['salesforce deleted scratch org', sf({ status: 420 }), 'CRM_UNAVAILABLE', true, undefined],
    [
      'salesforce connection refused',
      sf({ networkCode: 'ECONNREFUSED', message: 'fetch failed' }),
      'CRM_UNAVAILABLE',
      true,
      undefined,
    ],
    ['salesforce socket closed', sf({ networkCode: 'UND_ERR_SOCKET' }), 'CRM_UNAVAILABLE', true, undefined],
    ['salesforce fetch failed without a code', sf({ message: 'fetch failed' }), 'CRM_UNAVAILABLE', true, undefined],
    ['salesforce connect timeout', sf({ networkCode: 'UND_ERR_CONNECT_TIMEOUT' }), 'CRM_TIMEOUT', true, undefined],
    ['salesforce client timeout', sf({ timedOut: true }), 'CRM_TIMEOUT', true, undefined],
    [
      'salesforce unreadable answer',
      sf({ message: 'Unexpected token < in JSON' }),
      'CRM_RESPONSE_INVALID',
      false,
      undefined,
    ],
  ])('%s → %s', (_case, facts, code, retryable, retryAfterMs) => {
    expect(classify(facts, NOW)).toEqual(
      retryAfterMs === undefined ? { code, retryable } : { code, retryable, retryAfterMs },
    );
  });

  it('tells retryable record-level codes of batch answers from the rest, for both CRMs', () => {
    expect(
      ['RATE_LIMITS', 'LOCKED', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE', 'TIMEOUT'].map((c) =>
        isRetryableVendorCode('hubspot', c),
      ),
    ).toEqual([true, true, true, true, true]);
    expect(
      ['VALIDATION_ERROR', 'OBJECT_NOT_FOUND', 'UNHEARD_OF'].map((c) => isRetryableVendorCode('hubspot', c)),
    ).toEqual([false, false, false]);
    expect(isRetryableVendorCode('salesforce', 'UNABLE_TO_LOCK_ROW')).toBe(true);
    expect(
      ['REQUIRED_FIELD_MISSING', 'DUPLICATE_VALUE', 'constructor'].map((c) => isRetryableVendorCode('salesforce', c)),
    ).toEqual([false, false, false]);
  });

  it('builds a CrmError with the code, the vendor code and status, and no e-mail address or token', () => {
    const error = classifyFailure(
      sf({
        operation: 'upsert',
        status: 400,
        vendorCode: 'INVALID_EMAIL_ADDRESS',
        message: 'Email: invalid email address: jane@example.com (Bearer abc.def)',
      }),
      NOW,
    );
    expect(error).toMatchObject({
      crm: 'salesforce',
      code: 'CRM_REJECTED',
      retryable: false,
      httpStatus: 400,
      vendorCode: 'INVALID_EMAIL_ADDRESS',
      context: { operation: 'upsert', vendorCode: 'INVALID_EMAIL_ADDRESS', status: 400 },
    });
    expect(error.message).toMatch(/^Salesforce upsert failed: INVALID_EMAIL_ADDRESS/);
    expect(error.message).not.toMatch(/jane@example\.com|abc\.def/);
  });
});
