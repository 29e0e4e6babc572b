import { CrmError, InputError } from '../../../src/shared/errors';
import { afterAttempts, disposition, failureCode } from '../../../src/shared/failures';

describe('disposition: wait, retry or dead letter', () => {
  const rateLimited = new CrmError('hubspot', 'CRM_RATE_LIMITED', 'slow down', { retryAfterMs: 3_000 });
  const unavailable = new CrmError('salesforce', 'CRM_UNAVAILABLE', 'Salesforce upsert failed: HTTP 503');
  const rejected = new CrmError('hubspot', 'CRM_REJECTED', 'HubSpot batch.update failed: PROPERTY_DOESNT_EXIST');

  it.each([
    ['a rate limit waits for Retry-After', rateLimited, { kind: 'wait', delayMs: 3_000 }],
    [
      'a rate limit naming no wait waits a window',
      new CrmError('hubspot', 'CRM_DAILY_LIMIT', 'daily'),
      { kind: 'wait', delayMs: 10_000 },
    ],
    [
      'a transient failure retries',
      unavailable,
      { kind: 'retry', code: 'CRM_UNAVAILABLE', message: unavailable.message },
    ],
    ['a refusal is dead at once', rejected, { kind: 'dead', code: 'CRM_REJECTED', message: rejected.message }],
    [
      'bad input is dead at once',
      new InputError('PAYLOAD_INVALID', 'no'),
      { kind: 'dead', code: 'PAYLOAD_INVALID', message: 'no' },
    ],
    ['a defect retries as INTERNAL', new TypeError('boom'), { kind: 'retry', code: 'INTERNAL', message: 'boom' }],
  ])('%s', (_case, error, expected) => {
    expect(disposition(error)).toEqual(expected);
  });

  it('turns a retry dead once the attempts are spent, and never a wait', () => {
    expect(disposition(unavailable, 9, 10)).toMatchObject({ kind: 'retry' });
    expect(disposition(unavailable, 10, 10)).toEqual({
      kind: 'dead',
      code: 'CRM_UNAVAILABLE',
      message: `gave up after 10 attempts: ${unavailable.message}`,
    });
    expect(disposition(rateLimited, 10, 10)).toEqual({ kind: 'wait', delayMs: 3_000 });
    expect(afterAttempts({ kind: 'retry', code: 'UNABLE_TO_LOCK_ROW', message: 'm' }, 3, 3)).toMatchObject({
      kind: 'dead',
      code: 'UNABLE_TO_LOCK_ROW',
    });
  });

  it('reads the code from the error or the error it wraps, never from a message', () => {
    expect(failureCode(unavailable)).toBe('CRM_UNAVAILABLE');
    expect(failureCode(new Error('wrapped', { cause: rejected }))).toBe('CRM_REJECTED');
    expect(failureCode(new Error('CRM_REJECTED: looks like a code'))).toBe('INTERNAL');
  });
});
