import { crmError, isRetryableRecordError } from '../../../connectors/salesforce/classify-error';

// What jsforce reports, through the extractor into the shared classifier (whose own table is
// tests/unit/failures/classify-failure.test.ts).
const NOW = Date.parse('2024-06-01T12:00:00Z');

describe('Salesforce failures as CrmErrors', () => {
  it('reads the status jsforce only names in ERROR_HTTP_nnn, for an HTML gateway error', () => {
    expect(crmError({ errorCode: 'ERROR_HTTP_502' }, 'query', undefined, NOW)).toMatchObject({
      code: 'CRM_UNAVAILABLE',
      retryable: true,
      httpStatus: 502,
      vendorCode: 'ERROR_HTTP_502',
    });
  });

  it('takes Retry-After from the headers jsforce observed', () => {
    const error = crmError(
      { status: 429, headers: { 'retry-after': 'Sat, 01 Jun 2024 12:00:30 GMT' } },
      'query',
      undefined,
      NOW,
    );
    expect(error).toMatchObject({ code: 'CRM_RATE_LIMITED', retryAfterMs: 30_000 });
  });

  it('builds a CrmError with the vendor code and status, and no e-mail address or token in the message', () => {
    const cause = new Error('jsforce');
    const error = crmError(
      {
        status: 400,
        errorCode: 'INVALID_EMAIL_ADDRESS',
        message: 'Email: invalid email address: jane@example.com (Bearer abc.def)',
      },
      'upsert',
      cause,
      NOW,
    );
    expect(error).toMatchObject({
      crm: 'salesforce',
      code: 'CRM_REJECTED',
      httpStatus: 400,
      vendorCode: 'INVALID_EMAIL_ADDRESS',
      cause,
      context: { operation: 'upsert', vendorCode: 'INVALID_EMAIL_ADDRESS', status: 400 },
    });
    expect(error.message).not.toContain('jane@example.com');
    expect(error.message).not.toContain('abc.def');
  });

  it('retries a record only for transient statusCodes', () => {
    expect(isRetryableRecordError('UNABLE_TO_LOCK_ROW')).toBe(true);
    expect(isRetryableRecordError('REQUIRED_FIELD_MISSING')).toBe(false);
  });
});
