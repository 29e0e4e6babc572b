import type { DecisionContext } from './context';
import type { SalesforceId } from '../shared/ids';
import { cancelClock, meetClock, minutesSinceHandoff } from './sla';
import { isStageIn, SALES_STAGES } from './stages';
import { isoDay } from './values';

const ACCEPTED_OR_LATER = ['accepted', 'working', 'converted', 'won', 'lost'] as const;

function stampAcceptance(ctx: DecisionContext, at: number): void {
  const lead = ctx.lead;
  lead.acceptedAt ??= at;
  lead.timeToAcceptMin ??= minutesSinceHandoff(ctx, lead.acceptedAt);
  meetClock(ctx, 'accept', at);
}

function stampFirstTouch(ctx: DecisionContext, at: number): void {
  const lead = ctx.lead;
  lead.firstTouchAt ??= at;
  lead.timeToFirstTouchMin ??= minutesSinceHandoff(ctx, lead.firstTouchAt);
  meetClock(ctx, 'first_touch', at);
}

/** Sales accepted the lead (Status, or the admin API). Touched already? Then it is being worked too. */
export function accept(ctx: DecisionContext, at: number): boolean {
  const lead = ctx.lead;
  if (isStageIn(lead.stage, ACCEPTED_OR_LATER)) return false;
  if (!ctx.transition('accepted', 'sales_accepted', { at })) return false;
  lead.rejection = null;
  stampAcceptance(ctx, at);
  lead.salesFeedback = `Accepted by Sales on ${isoDay(at)}.`;
  if (lead.firstTouchAt !== null) ctx.transition('working', 'first_touch', { at });
  return true;
}

/**
 * Sales did something with the lead. The first activity after hand-off is the first touch; an
 * accepted lead is then being worked, a dormant one wakes up. A touch is not an acceptance: a lead
 * Sales calls but never accepts still breaches its acceptance clock.
 */
export function recordActivity(ctx: DecisionContext, activityAt: number, countsAsTouch: boolean): void {
  const lead = ctx.lead;
  lead.lastActivityAt = Math.max(lead.lastActivityAt ?? activityAt, activityAt);
  // Salesforce stamps activities to the second: one in the second of the hand-off came after it.
  const afterHandoff = lead.handedOffAt === null || activityAt >= Math.floor(lead.handedOffAt / 1000) * 1000;
  const withSales = isStageIn(lead.stage, [...SALES_STAGES, 'converted'] as const);
  if (countsAsTouch && withSales && afterHandoff && lead.firstTouchAt === null) stampFirstTouch(ctx, activityAt);
  if (lead.stage === 'accepted' && lead.firstTouchAt !== null)
    ctx.transition('working', 'first_touch', { at: activityAt });
  else if (lead.stage === 'dormant' && afterHandoff)
    ctx.transition('working', 'activity', { at: Math.max(activityAt, lead.stageChangedAt) });
}

/** Converting a lead is Sales' most explicit acceptance: the clocks are met if they were not already. */
export function convert(ctx: DecisionContext, at: number, opportunityId: SalesforceId | null): boolean {
  const lead = ctx.lead;
  if (isStageIn(lead.stage, ['converted', 'won', 'lost'] as const)) {
    lead.opportunityId ??= opportunityId;
    return false;
  }
  if (!ctx.transition('converted', 'converted', { at })) return false;
  lead.opportunityId = opportunityId;
  stampAcceptance(ctx, at);
  stampFirstTouch(ctx, at);
  return true;
}

/** The opportunity closed: won or lost, with its amount. */
export function close(ctx: DecisionContext, at: number, won: boolean, amount: number | null): void {
  const lead = ctx.lead;
  const outcome = won ? 'won' : 'lost';
  if (lead.stage === outcome) return;
  if (!ctx.transition(outcome, outcome, { at })) return;
  lead.outcome = outcome;
  lead.amount = amount;
  lead.salesFeedback = `${won ? 'Won' : 'Lost'} on ${isoDay(at)}${amount === null ? '' : `, amount ${amount}`}.`;
}

/** Sales answered before the clock ran out (or after): a rejection is a response, not an acceptance. */
export function respond(ctx: DecisionContext, at: number): void {
  meetClock(ctx, 'accept', at);
  cancelClock(ctx, 'first_touch');
}
