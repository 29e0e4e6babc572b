import type { ApiUsage } from '../shared/crm-port';
import { sleep } from '../shared/sleep';

/** What a low-priority reader (reconciliation) asks before each call: wait, go, or skip this round. */
export type LowPriorityGate = () => Promise<'go' | 'skip'>;

/** The share of the rolling window that must be free before reconciliation takes a slot. */
const WINDOW_HEADROOM = 0.25;
/** Past this share of the daily allocation, reconciliation waits for the next day: live work needs the rest. */
const DAILY_CEILING = 0.9;
const POLL_MS = 250;
const MAX_WAIT_MS = 30_000;

export interface WindowLimiter {
  readonly limit: number;
  remaining(): number;
}

/**
 * Hand-offs and SLA work go first, updates next, reconciliation last (DESIGN.md, "API budget
 * governor"): reconciliation waits until a quarter of the rate window is free, and skips a round
 * once 90 % of the daily allocation is used. Unknown figures never block.
 */
export function lowPriorityGate(usage: () => ApiUsage, limiter?: WindowLimiter): LowPriorityGate {
  return async () => {
    const { dailyUsed, dailyLimit } = usage();
    if (dailyUsed !== null && dailyLimit !== null && dailyLimit > 0 && dailyUsed >= dailyLimit * DAILY_CEILING)
      return 'skip';
    if (limiter === undefined) return 'go';
    for (let waited = 0; limiter.remaining() < limiter.limit * WINDOW_HEADROOM; waited += POLL_MS) {
      if (waited >= MAX_WAIT_MS) return 'skip';
      await sleep(POLL_MS);
    }
    return 'go';
  };
}
