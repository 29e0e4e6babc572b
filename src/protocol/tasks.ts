import type { DecisionContext } from './context';
import type { SalesforceTaskEffect } from './effects';

/** Asks for a Salesforce Task on the lead's record, for its owner or the owner's manager. */
export function requestTask(
  ctx: DecisionContext,
  recipient: SalesforceTaskEffect['recipient'],
  reason: SalesforceTaskEffect['reason'],
  subject: string,
  description: string,
): void {
  const lead = ctx.lead;
  ctx.emit({
    type: 'salesforce.task',
    leadId: lead.id,
    taskKey: ctx.key(`task:${reason}:${recipient}`),
    recipient,
    ownerId: lead.ownerId,
    whoId: lead.salesforce?.id ?? null,
    subject,
    description,
    reason,
  });
}
