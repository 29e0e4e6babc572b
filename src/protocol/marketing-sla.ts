import { addBusinessMinutes } from './business-hours';
import type { DecisionContext } from './context';
import { calendarNamed } from './sla';
import { isoInstant } from './values';

export type MarketingAction = 'fix_data' | 'merge';

function isMarketing(timer: { readonly kind: string }): boolean {
  return timer.kind === 'marketing_due';
}

/** Starts Marketing's clock for an action Sales is owed (fix the data, merge the duplicate). */
export function startMarketingAction(ctx: DecisionContext, action: MarketingAction): void {
  const { lead, protocol, now } = ctx;
  const window = action === 'fix_data' ? protocol.sla.marketing.fixData : protocol.sla.marketing.mergeDuplicate;
  const dueAt = addBusinessMinutes(
    now,
    window.businessHours * 60,
    calendarNamed(protocol, protocol.sla.marketing.calendar),
  );
  ctx.cancelTimers(isMarketing);
  lead.pendingMarketingAction = { action, since: now, dueAt, breached: false };
  ctx.schedule({ kind: 'marketing_due', action }, dueAt);
  ctx.audit('marketing_action', `Marketing owes ${action} by ${isoInstant(dueAt)}`);
}

/** Marketing did what it owed (or the question went away): stop its clock. */
export function resolveMarketingAction(ctx: DecisionContext, action: MarketingAction): void {
  const pending = ctx.lead.pendingMarketingAction;
  if (pending?.action !== action) return;
  ctx.cancelTimers(isMarketing);
  ctx.lead.pendingMarketingAction = null;
  ctx.audit(
    'marketing_action',
    `Marketing completed ${action}${pending.breached ? ' after its SLA' : ' within its SLA'}`,
  );
}

/** Marketing's clock ran out: a violation of the protocol, reported once. */
export function marketingActionDue(ctx: DecisionContext, action: MarketingAction): void {
  const pending = ctx.lead.pendingMarketingAction;
  if (pending?.action !== action || pending.breached) return;
  pending.breached = true;
  ctx.violation(
    'marketing_sla_breached',
    `Marketing did not ${action === 'fix_data' ? 'fix the data' : 'merge the duplicate'} within its SLA`,
  );
}
