import type { DecisionContext } from './context';
import type { EventOf } from './events';
import { close, convert } from './sales-progress';
import { isStageIn, SALES_STAGES } from './stages';

/**
 * The lead's opportunity changed. A lead handed off as a Contact converts when its opportunity
 * appears; a closed opportunity makes the lead won or lost, with its amount.
 */
export function onOpportunityChanged(ctx: DecisionContext, event: EventOf<'salesforce.opportunity.changed'>): void {
  const lead = ctx.lead;
  if (lead.opportunityId !== null && lead.opportunityId !== event.opportunityId) {
    ctx.ignored = `opportunity ${event.opportunityId} is not this lead's`;
    return;
  }
  if (isStageIn(lead.stage, SALES_STAGES)) convert(ctx, event.at, event.opportunityId);
  lead.opportunityId ??= event.opportunityId;
  lead.amount = event.amount;
  if (event.isClosed) close(ctx, event.at, event.isWon, event.amount);
}
