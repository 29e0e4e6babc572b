import { disposition } from '../shared/failures/disposition';
import { sleep } from '../shared/sleep';
import { backoffMs } from './relay/outbox-relay';

export interface RetryPolicy {
  /** Attempts for retryable failures; a rate limit's wait spends none. */
  readonly maxAttempts: number;
  /** Waits for rate limits in a row before the failure is given up on (a day's limit can last hours). */
  readonly maxWaits?: number;
  /** A longer wait (a day's limit until midnight) is not waited out: the failure is thrown for the caller to report. */
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  readonly backoff?: (attempt: number) => number;
}

export const ONE_SHOT_POLICY: RetryPolicy = { maxAttempts: 4, maxWaits: 6, maxWaitMs: 60_000 };

/**
 * A call from a one-shot use case (backfill pages, provisioning), where no queue or relay retries
 * it: the same disposition the processors and relays act on, here in a loop. Adapters never
 * retry; this is the owner of the work doing it.
 */
export async function retrying<T>(call: () => Promise<T>, policy: RetryPolicy = ONE_SHOT_POLICY): Promise<T> {
  let attempts = 0;
  let waits = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const next = disposition(error, attempts + 1, policy.maxAttempts);
      const waitedOut =
        next.kind === 'wait' && (waits >= (policy.maxWaits ?? 6) || next.delayMs > (policy.maxWaitMs ?? 60_000));
      if (next.kind === 'dead' || waitedOut) throw error;
      if (next.kind === 'wait') waits += 1;
      else attempts += 1;
      await sleep(next.kind === 'wait' ? next.delayMs : (policy.backoff ?? backoffMs)(attempts), policy.signal);
    }
  }
}
