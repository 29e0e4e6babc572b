import { z } from 'zod';
import { classifyHubSpotFailure } from '../../../connectors/hubspot/classify-failure';

const NOW = Date.parse('2025-03-10T18:00:00.000Z');
const apiException = (code: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('HTTP-Code: ' + code), { code, body, headers });
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

const rateBody = (policyName: string, message: string) => ({
  status: 'error',
  message,
  errorType: 'RATE_LIMIT',
  correlationId: 'c',
  policyName,
  requestId: 'r',
});
const validation = (code: string, propertyName: string) => ({
  status: 'error',
  category: 'VALIDATION_ERROR',
  message: `Property values were not valid: [{"error":"${code}","name":"${propertyName}"}]`,
  errors: [{ message: 'x', code, context: { propertyName: [propertyName] } }],
});

/** HubSpot's 403 for a private app without the scope of a call (hubspot-api-nodejs#268). */
const missingScopes = (scopes: readonly string[], key = 'requiredGranularScopes') => ({
  status: 'error',
  message:
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
  correlationId: 'c',
  errors: [{ message: 'One or more of the following scopes are required.', context: { [key]: scopes } }],
  links: { scopes: 'https://developers.hubspot.com/scopes' },
  category: 'MISSING_SCOPES',
});

// The SDK's errors as thrown, through the extractor into the shared classifier (whose own table is
// tests/unit/failures/classify-failure.test.ts).
describe('classifyHubSpotFailure', () => {
  it.each([
    [
      '429 TEN_SECONDLY_ROLLING with Retry-After',
      apiException(429, rateBody('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.'), {
        'Retry-After': '3',
      }),
      'CRM_RATE_LIMITED',
      3_000,
      'TEN_SECONDLY_ROLLING',
    ],
    [
      '429 TEN_SECONDLY_ROLLING without Retry-After waits the window',
      apiException(429, rateBody('TEN_SECONDLY_ROLLING', 'x'), {
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
      }),
      'CRM_RATE_LIMITED',
      10_000,
      'TEN_SECONDLY_ROLLING',
    ],
    [
      '429 SECONDLY (search)',
      apiException(429, rateBody('SECONDLY', 'You have reached your secondly limit.')),
      'CRM_RATE_LIMITED',
      1_000,
      'SECONDLY',
    ],
    [
      '429 DAILY waits until midnight UTC',
      apiException(429, rateBody('DAILY', 'You have reached your daily limit.')),
      'CRM_DAILY_LIMIT',
      6 * 3_600_000,
      'DAILY',
    ],
    [
      '423 Locked',
      apiException(423, { status: 'error', category: 'LOCKED', message: 'locked' }),
      'CRM_RATE_LIMITED',
      2_000,
      'LOCKED',
    ],
    [
      '500',
      apiException(500, { status: 'error', category: 'INTERNAL_ERROR', message: 'oops' }),
      'CRM_UNAVAILABLE',
      undefined,
      'INTERNAL_ERROR',
    ],
    ['502 with a text body', apiException(502, '<html>bad gateway</html>'), 'CRM_UNAVAILABLE', undefined, undefined],
    ['503', apiException(503, {}), 'CRM_UNAVAILABLE', undefined, undefined],
    ['504', apiException(504, {}), 'CRM_TIMEOUT', undefined, undefined],
    [
      '401',
      apiException(401, {
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
        message: 'Authentication credentials not found.',
      }),
      'CRM_AUTH_FAILED',
      undefined,
      'INVALID_AUTHENTICATION',
    ],
    [
      '403 MISSING_SCOPES',
      apiException(403, missingScopes(['crm.objects.contacts.write'])),
      'HUBSPOT_SCOPE_MISSING',
      undefined,
      'MISSING_SCOPES',
    ],
    ['403 without a category', apiException(403, {}), 'CRM_FORBIDDEN', undefined, undefined],
    [
      '404',
      apiException(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'resource not found' }),
      'CRM_NOT_FOUND',
      undefined,
      'OBJECT_NOT_FOUND',
    ],
    [
      '409 duplicate',
      apiException(409, { status: 'error', category: 'CONFLICT', message: 'Contact already exists. Existing ID: 123' }),
      'CRM_CONFLICT',
      undefined,
      'CONFLICT',
    ],
    [
      '400 PROPERTY_DOESNT_EXIST',
      apiException(400, validation('PROPERTY_DOESNT_EXIST', 'leadpact_stage')),
      'CRM_REJECTED',
      undefined,
      'PROPERTY_DOESNT_EXIST',
    ],
    [
      '400 INVALID_OPTION',
      apiException(400, validation('INVALID_OPTION', 'lifecyclestage')),
      'CRM_REJECTED',
      undefined,
      'INVALID_OPTION',
    ],
    ['ETIMEDOUT', networkError('ETIMEDOUT'), 'CRM_TIMEOUT', undefined, undefined],
    ['ECONNREFUSED', networkError('ECONNREFUSED'), 'CRM_UNAVAILABLE', undefined, undefined],
    ['ECONNRESET', networkError('ECONNRESET'), 'CRM_UNAVAILABLE', undefined, undefined],
    [
      'a body the SDK could not parse',
      new Error('Cannot parse content. No Content-Type defined.'),
      'CRM_RESPONSE_INVALID',
      undefined,
      undefined,
    ],
  ])('%s', (_name, failure, code, retryAfterMs, vendorCode) => {
    const error = classifyHubSpotFailure(failure, NOW);
    expect(error).toMatchObject({ crm: 'hubspot', code, retryAfterMs, vendorCode });
  });

  it('keeps the fields HubSpot blamed and the id of the existing record', () => {
    expect(
      classifyHubSpotFailure(apiException(400, validation('PROPERTY_DOESNT_EXIST', 'leadpact_stage')), NOW).context,
    ).toMatchObject({ fields: ['leadpact_stage'] });
    expect(
      classifyHubSpotFailure(apiException(409, { message: 'Contact already exists. Existing ID: 123' }), NOW).context,
    ).toMatchObject({ existingId: '123' });
  });

  it('names the missing scope and the fix, as a setup problem that is not retried', () => {
    const error = classifyHubSpotFailure(
      apiException(403, missingScopes(['crm.objects.contacts.write'])),
      NOW,
      'batch.update',
    );
    expect(error).toMatchObject({ code: 'HUBSPOT_SCOPE_MISSING', retryable: false, httpStatus: 403 });
    expect(error.context).toMatchObject({ scopes: ['crm.objects.contacts.write'], operation: 'batch.update' });
    expect(error.message).toBe(
      'HubSpot batch.update failed: MISSING_SCOPES — the private app lacks the scope crm.objects.contacts.write; ' +
        'add it in HubSpot: Settings → Integrations → Private Apps → your app → Scopes, then run `leadpact doctor`',
    );
  });

  it('names every alternative when any one of the scopes would do, legacy scope names too', () => {
    const alternatives = ['crm.schemas.contacts.read', 'crm.objects.contacts.read'];
    const error = classifyHubSpotFailure(apiException(403, missingScopes(alternatives)), NOW);
    expect(error.message).toContain(
      'lacks every one of the scopes crm.schemas.contacts.read, crm.objects.contacts.read; add one of them',
    );
    const legacy = classifyHubSpotFailure(apiException(403, missingScopes(['contacts'], 'requiredScopes')), NOW);
    expect(legacy.context).toMatchObject({ scopes: ['contacts'] });
  });

  it('keeps the network code apart from the vendor code, and names the call', () => {
    const error = classifyHubSpotFailure(networkError('ECONNREFUSED'), NOW, 'batch.read');
    expect(error).toMatchObject({
      vendorCode: undefined,
      context: { networkCode: 'ECONNREFUSED', operation: 'batch.read' },
    });
    expect(error.message).toMatch(/^HubSpot batch\.read failed: ECONNREFUSED/);
  });

  it('reads an HTTP-date Retry-After as Salesforce does', () => {
    const at = new Date(NOW + 5_000).toUTCString();
    expect(classifyHubSpotFailure(apiException(503, {}, { 'Retry-After': at }), NOW).retryAfterMs).toBe(5_000);
  });

  it('says which failures may be retried', () => {
    const retryable = (failure: unknown): boolean => classifyHubSpotFailure(failure, NOW).retryable;
    expect(retryable(apiException(429, rateBody('TEN_SECONDLY_ROLLING', 'x')))).toBe(true);
    expect(retryable(apiException(503, {}))).toBe(true);
    expect(retryable(networkError('ETIMEDOUT'))).toBe(true);
    expect(retryable(apiException(400, validation('PROPERTY_DOESNT_EXIST', 'x')))).toBe(false);
    expect(retryable(apiException(401, {}))).toBe(false);
  });

  it('never puts an email address or a token from the vendor message into the error', () => {
    const error = classifyHubSpotFailure(
      apiException(400, { message: 'Email address ada@example.com is invalid; token pat-na1-1234-abcd' }),
      NOW,
    );
    expect(error.message).not.toMatch(/ada@example\.com|pat-na1-1234/);
  });

  it('reports a response that failed our schema as CRM_RESPONSE_INVALID', () => {
    const zodFailure = z.object({ id: z.string() }).safeParse({});
    expect(zodFailure.success).toBe(false);
    if (!zodFailure.success) expect(classifyHubSpotFailure(zodFailure.error, NOW).code).toBe('CRM_RESPONSE_INVALID');
  });
});
