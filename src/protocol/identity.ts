import type { SalesforceId } from '../shared/ids';
import type { DecisionContext } from './context';

/** Points the lead at another Salesforce record (merge master, converted Contact, a Sales-made Lead). */
export function repointSalesforce(
  ctx: DecisionContext,
  id: SalesforceId,
  object: 'Lead' | 'Contact',
  why: string,
): void {
  const lead = ctx.lead;
  const previous = lead.salesforce?.id ?? null;
  if (previous === id && lead.salesforce?.object === object) return;
  lead.salesforce = { id, object };
  lead.salesforceStateAt = null;
  // A different record: leadpact's fields are written to it in full.
  lead.crm.salesforce = {};
  ctx.emit({ type: 'identity.changed', leadId: lead.id, crm: 'salesforce', previous, current: id, object });
  ctx.audit('identity_changed', `Salesforce record ${previous ?? 'none'} -> ${object} ${id}: ${why}`);
}

/** The record's owner as Salesforce reports it, when it changed. */
export function updateOwner(ctx: DecisionContext, owner: SalesforceId | null): void {
  if (owner === null || owner === ctx.lead.ownerId) return;
  ctx.audit('owner_changed', `owner ${ctx.lead.ownerId ?? 'none'} -> ${owner}`);
  ctx.lead.ownerId = owner;
}
