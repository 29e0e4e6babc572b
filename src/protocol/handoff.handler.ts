import type { DecisionContext } from './context';
import type { EventOf } from './events';
import { believedAsContact } from './handoff';
import { startMarketingAction } from './marketing-sla';
import { endSla } from './sla';

function pending(ctx: DecisionContext, key: string): boolean {
  if (ctx.lead.pendingHandoff === key) return true;
  ctx.ignored = `hand-off ${key} is not the one this lead awaits`;
  return false;
}

/**
 * The pipeline found or created the Salesforce record. The lead now has its Salesforce identity;
 * its SLA clocks started at the hand-off decision and stay as they are.
 */
export function onHandoffCompleted(ctx: DecisionContext, event: EventOf<'salesforce.handoff.completed'>): void {
  const { lead, protocol } = ctx;
  if (!pending(ctx, event.handoffKey)) return;
  lead.pendingHandoff = null;
  const previous = lead.salesforce?.id ?? null;
  if (event.object === 'Contact' && lead.salesforce?.object !== 'Contact') believedAsContact(lead, protocol);
  lead.salesforce = { id: event.salesforceId, object: event.object };
  if (event.ownerId !== null) lead.ownerId = event.ownerId;
  if (previous !== event.salesforceId) {
    lead.salesforceStateAt = null;
    ctx.emit({
      type: 'identity.changed',
      leadId: lead.id,
      crm: 'salesforce',
      previous,
      current: event.salesforceId,
      object: event.object,
    });
  }
  ctx.audit(
    'handoff_completed',
    `${event.created ? 'created' : 'matched'} Salesforce ${event.object} ${event.salesforceId}`,
  );
}

/**
 * The hand-off could not be done. A retryable failure is the pipeline's to retry; a permanent one
 * takes the lead back to mql and asks Marketing to fix its data.
 */
export function onHandoffFailed(ctx: DecisionContext, event: EventOf<'salesforce.handoff.failed'>): void {
  const lead = ctx.lead;
  if (!pending(ctx, event.handoffKey)) return;
  if (event.retryable) {
    ctx.audit('handoff_failed', `hand-off attempt failed, to be retried: ${event.reason}`);
    return;
  }
  lead.pendingHandoff = null;
  ctx.metric('handoff.failed');
  ctx.audit('handoff_failed', `hand-off failed: ${event.reason}`);
  if (!ctx.transition('mql', 'handoff_failed')) return;
  endSla(ctx);
  lead.sla = null;
  lead.slaStatus = null;
  lead.handedOffAt = null;
  lead.salesFeedback = `Hand-off failed: ${event.reason}`;
  startMarketingAction(ctx, event.marketingAction ?? 'fix_data');
}
