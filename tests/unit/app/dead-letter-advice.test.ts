import { adviceFor, codeAdvice } from '../../../src/app/dead-letter-advice';
import { ERROR_CATALOGUE } from '../../../src/shared/error-codes';

describe('what to do about a dead letter', () => {
  it("gives leadpact's own codes their README hint", () => {
    expect(adviceFor('IDENTITY_CONFLICT', null)).toBe(ERROR_CATALOGUE.IDENTITY_CONFLICT.hint);
  });

  it("reads a CRM's own code through the table the classifier uses", () => {
    expect(adviceFor('INSUFFICIENT_ACCESS_OR_READONLY', 'salesforce')).toBe(ERROR_CATALOGUE.CRM_FORBIDDEN.hint);
    expect(adviceFor('DUPLICATE_VALUE', 'salesforce')).toBe(ERROR_CATALOGUE.CRM_CONFLICT.hint);
  });

  it('names the CRM and the code it does not know, and says what to do', () => {
    expect(adviceFor('SOMETHING_NEW', 'hubspot')).toBe(
      'HubSpot refused the write with SOMETHING_NEW; the reason says why. Fix the record or the setup it names, then replay.',
    );
  });

  it('says whether a replay alone can help, for the Sync Health page and dlq alike', () => {
    expect(codeAdvice('CRM_RATE_LIMITED', null).retryable).toBe(true);
    expect(codeAdvice('DUPLICATE_VALUE', 'salesforce')).toEqual({
      advice: ERROR_CATALOGUE.CRM_CONFLICT.hint,
      retryable: ERROR_CATALOGUE.CRM_CONFLICT.retryable,
    });
    expect(codeAdvice('SOMETHING_NEW', 'salesforce').retryable).toBeNull();
  });
});
