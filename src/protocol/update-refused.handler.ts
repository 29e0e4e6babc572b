import type { DecisionContext } from './context';
import type { EventOf } from './events';
import { startMarketingAction } from './marketing-sla';

/**
 * The org refused an update of the linked record for its data (a validation rule, a required field,
 * a picklist value). Like a refused hand-off it is Marketing's to fix, with the admin's message, but
 * the lead stays with Sales. None of the update's fields were saved: leadpact forgets that it wrote
 * them, so the decision after this one (Marketing's fix, a timer, Sales' next answer) sends them
 * again; this decision sends Salesforce nothing, or the same refusal would come straight back.
 */
export function onUpdateRefused(ctx: DecisionContext, event: EventOf<'salesforce.update.refused'>): void {
  const lead = ctx.lead;
  if (lead.salesforce?.id !== event.salesforceId) {
    ctx.ignored = `Salesforce ${event.object} ${event.salesforceId} is no longer this lead's record`;
    return;
  }
  for (const field of event.fields) delete lead.crm.salesforce[field];
  ctx.holdSalesforceWrites = true;
  ctx.metric('update.refused', { object: event.object });
  ctx.audit('update_refused', `Salesforce refused an update of ${event.object} ${event.salesforceId}: ${event.reason}`);
  lead.salesFeedback = `Salesforce refused an update: ${event.reason} Fix it in HubSpot; leadpact sends the update again when the contact changes.`;
  if (lead.pendingMarketingAction?.action !== 'fix_data') startMarketingAction(ctx, 'fix_data');
}
