import type { DecisionContext } from './context';
import { endSla } from './sla';
import type { TransitionCause } from './stages';
import { DAY_MS, isoDay } from './values';

/**
 * Sends the lead back to nurturing in HubSpot until the re-engage date (written with the stage),
 * when the recycle timer brings it back to scoring.
 */
export function recycle(ctx: DecisionContext, cause: TransitionCause, afterDays: number, feedback: string): boolean {
  if (!ctx.transition('recycled', cause)) return false;
  const lead = ctx.lead;
  lead.recycleCount += 1;
  lead.reengageAt = ctx.now + afterDays * DAY_MS;
  lead.salesFeedback = `${feedback} Back to nurturing; re-engage on ${isoDay(lead.reengageAt)}.`;
  endSla(ctx);
  ctx.cancelTimers((timer) => timer.kind === 'recycle_due');
  ctx.schedule({ kind: 'recycle_due' }, lead.reengageAt);
  return true;
}

/** Writes Sales' status field on the linked record (Status on a Lead, the configured field on a Contact). */
export function writeSalesStatus(ctx: DecisionContext, value: string): void {
  const record = ctx.lead.salesforce;
  const status = ctx.protocol.salesStatus;
  const field = record?.object === 'Contact' ? status.contactField : status.leadField;
  if (record !== null && field !== null) ctx.salesforceWrites[field] = value;
}

/** Status says "returned" in Salesforce when the engine takes the lead back from Sales. */
export function markReturned(ctx: DecisionContext): void {
  writeSalesStatus(ctx, ctx.protocol.salesStatus.returned);
}

/** recycleAfterDays is required by the schema wherever an action recycles; its absence here is a defect. */
export function requiredDays(days: number | undefined, what: string): number {
  if (days === undefined) throw new Error(`${what} recycles without recycleAfterDays (the loader checks this)`);
  return days;
}
