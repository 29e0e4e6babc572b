import { retrying } from '../../../src/app/retrying';
import { CrmError } from '../../../src/shared/errors';

const unavailable = () => new CrmError('hubspot', 'CRM_UNAVAILABLE', 'HubSpot batch.read failed: 503');
const limited = (retryAfterMs: number) =>
  new CrmError('hubspot', 'CRM_RATE_LIMITED', 'HubSpot batch.read failed: 429', { retryAfterMs });
const refused = () => new CrmError('salesforce', 'CRM_REJECTED', 'Salesforce said no');

/** A call that fails with each of `failures` in turn, then answers; it counts its calls. */
function flaky(failures: Error[]) {
  const state = { calls: 0 };
  const call = async () => {
    state.calls += 1;
    const failure = failures[state.calls - 1];
    if (failure !== undefined) throw failure;
    return 'answer';
  };
  return { state, call };
}

describe('retrying (one-shot use cases: backfill pages, provisioning)', () => {
  const fast = { maxAttempts: 3, backoff: () => 1 };

  it('tries a retryable failure again until it succeeds', async () => {
    const { state, call } = flaky([unavailable(), unavailable()]);
    await expect(retrying(call, fast)).resolves.toBe('answer');
    expect(state.calls).toBe(3);
  });

  it('gives up after its attempts with the last failure, code intact', async () => {
    const { state, call } = flaky([unavailable(), unavailable(), unavailable(), unavailable()]);
    await expect(retrying(call, fast)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
    expect(state.calls).toBe(3);
  });

  it('does not retry what retrying cannot help', async () => {
    const { state, call } = flaky([refused()]);
    await expect(retrying(call, fast)).rejects.toMatchObject({ code: 'CRM_REJECTED' });
    expect(state.calls).toBe(1);
  });

  it('waits out a rate limit without spending an attempt, but not a wait longer than it accepts', async () => {
    const waits = flaky([limited(1), limited(1), limited(1), unavailable(), unavailable()]);
    await expect(retrying(waits.call, fast)).resolves.toBe('answer');
    expect(waits.state.calls).toBe(6);

    const daily = flaky([limited(3_600_000)]);
    await expect(retrying(daily.call, { ...fast, maxWaitMs: 60_000 })).rejects.toMatchObject({
      code: 'CRM_RATE_LIMITED',
    });
    expect(daily.state.calls).toBe(1);
  });
});
