import type { ApiUsage } from '../shared/crm-port';

/**
 * How much of a CRM's API budget a backfill may use, so the live work (hand-offs, SLA writes,
 * webhooks) always has room: history can wait, a salesperson cannot.
 */
export interface BudgetPolicy {
  /** Stop (resumably) once this share of the daily allocation is used. */
  readonly maxDailyShare: number;
  /** Step back while less than this share of the rolling window remains. */
  readonly minWindowShare: number;
  /** How long to step back before the next read. */
  readonly backoffMs: number;
}

export const DEFAULT_BUDGET: BudgetPolicy = { maxDailyShare: 0.8, minWindowShare: 0.25, backoffMs: 1_000 };

export type BudgetDecision =
  | { readonly kind: 'go' }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'stop'; readonly reason: string };

/**
 * What the usage the CRM last reported (Sforce-Limit-Info, X-HubSpot-RateLimit-*) allows a
 * low-priority reader to do next. Unknown figures never block: the connector's own pacing and the
 * CRM's 429s still apply.
 */
export function budgetDecision(usage: ApiUsage, policy: BudgetPolicy = DEFAULT_BUDGET): BudgetDecision {
  const { dailyUsed, dailyLimit, windowRemaining, windowLimit } = usage;
  if (dailyUsed !== null && dailyLimit !== null && dailyLimit > 0 && dailyUsed >= dailyLimit * policy.maxDailyShare) {
    const share = Math.round((dailyUsed / dailyLimit) * 100);
    return { kind: 'stop', reason: `${share}% of the daily API allocation is used (${dailyUsed} of ${dailyLimit}); the backfill stops at ${Math.round(policy.maxDailyShare * 100)}% to leave the rest to live work` };
  }
  if (windowRemaining !== null && windowLimit !== null && windowLimit > 0 && windowRemaining < windowLimit * policy.minWindowShare) {
    return { kind: 'wait', ms: policy.backoffMs };
  }
  return { kind: 'go' };
}
