import type { ApiUsage } from '../shared/crm-port';

/**
 * How much of a CRM's daily API allocation a backfill may use, so the live work (hand-offs, SLA
 * writes, webhooks) always has room: history can wait, a salesperson cannot. The rolling window is
 * shared differently: the backfill's connectors run at a share of the per-window rate
 * (BACKFILL_RATE_SHARE), and fold in what the CRM reports the other processes used.
 */
export interface BudgetPolicy {
  /** Stop (resumably) once this share of the daily allocation is used. */
  readonly maxDailyShare: number;
}

export const DEFAULT_BUDGET: BudgetPolicy = { maxDailyShare: 0.8 };

/** The share of a CRM's per-window rate limit a backfill process takes; the rest stays for live work. */
export const BACKFILL_RATE_SHARE = 0.75;

export type BudgetDecision = { readonly kind: 'go' } | { readonly kind: 'stop'; readonly reason: string };

/**
 * Whether the usage the CRM last reported (Sforce-Limit-Info, X-HubSpot-RateLimit-Daily*) lets a
 * low-priority reader go on. Unknown figures never block: the connector's pacing and the CRM's 429s
 * still apply.
 */
export function budgetDecision(usage: ApiUsage, policy: BudgetPolicy = DEFAULT_BUDGET): BudgetDecision {
  const { dailyUsed, dailyLimit } = usage;
  if (dailyUsed !== null && dailyLimit !== null && dailyLimit > 0 && dailyUsed >= dailyLimit * policy.maxDailyShare) {
    const share = Math.round((dailyUsed / dailyLimit) * 100);
    return {
      kind: 'stop',
      reason: `${share}% of the daily API allocation is used (${dailyUsed} of ${dailyLimit}); the backfill stops at ${Math.round(policy.maxDailyShare * 100)}% to leave the rest to live work`,
    };
  }
  return { kind: 'go' };
}
