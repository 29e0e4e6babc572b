import type { DecisionContext } from './context';
import type { Lead } from './lead';
import { isStageIn, MARKETING_STAGES } from './stages';

export type RetireReason = NonNullable<Lead['retired']>['reason'];

const WHY: Record<RetireReason, string> = {
  deleted: 'the HubSpot contact was deleted',
  privacy_deleted: 'the HubSpot contact was deleted for privacy (GDPR)',
  opted_out: 'the contact opted out',
  merged: 'the HubSpot contact was merged into one that has its own lead',
};

/**
 * A retired contact is never handed off (never re-created in Salesforce) and never written to in
 * HubSpot again. A lead Sales already holds keeps its stage and goes on in Salesforce.
 */
export function retire(ctx: DecisionContext, reason: RetireReason): void {
  const lead = ctx.lead;
  if (lead.retired === null) {
    lead.retired = { reason, at: ctx.event.at };
    ctx.audit('retired', `retired: ${WHY[reason]}`);
    ctx.cancelTimers((timer) => timer.kind === 'recycle_due' || timer.kind === 'marketing_due');
    lead.pendingMarketingAction = null;
    if (isStageIn(lead.stage, MARKETING_STAGES))
      ctx.transition('disqualified', reason === 'merged' ? 'merged' : 'retired');
  } else if (reason === 'privacy_deleted' && lead.retired.reason !== 'privacy_deleted') {
    // HubSpot sends contact.deletion and contact.privacyDeletion for one GDPR delete, in no set order
    // (developer changelog, "Webhooks now support privacy-compliant contact deletions"): a lead already
    // retired as deleted (or opted out) must still be erased when the privacy deletion arrives.
    lead.retired = { reason, at: ctx.event.at };
    ctx.audit('retired', `retired: ${WHY[reason]}`);
  }
  if (reason === 'privacy_deleted') {
    lead.crm.hubspot = {};
    lead.agreed = {};
    lead.touches = [];
  }
}
