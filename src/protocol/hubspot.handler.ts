import type { DecisionContext } from './context';
import { evaluate } from './evaluate';
import type { EventOf } from './events';
import { contactProperties, ingest } from './field-sync';
import { missingRequired } from './handoff';
import { resolveMarketingAction } from './marketing-sla';
import { retire } from './retirement';
import { mergeTouches } from './touches';
import { isBlank, isTrue, type FieldValue } from './values';

type ContactEvent = EventOf<'hubspot.contact.created'> | EventOf<'hubspot.contact.changed'>;

function text(value: FieldValue | undefined): string | null {
  return isBlank(value) ? null : String(value).trim();
}

/**
 * A HubSpot contact was created or changed (the pipeline sends its full property set): take in
 * the properties and touches, retire an opted-out contact, and score the lead again.
 */
export function onContactUpsert(ctx: DecisionContext, event: ContactEvent): void {
  const { lead, protocol } = ctx;
  if (lead.retired !== null) {
    ctx.ignored = 'the contact is retired: leadpact no longer acts on it';
    return;
  }
  if (lead.hubspotContactId !== null && lead.hubspotContactId !== event.contactId) {
    ctx.ignored = `the event is about contact ${event.contactId}, not this lead's`;
    return;
  }
  lead.hubspotContactId = event.contactId;
  const changed = ingest(ctx, 'hubspot', event.properties);
  const contact = contactProperties(lead);
  lead.touches = mergeTouches(lead.touches, event.properties, event.touches ?? [], protocol.qualification.touches);
  lead.source = text(contact[protocol.handoff.sourceProperty]);
  lead.campaign =
    protocol.handoff.campaignProperty === undefined ? null : text(contact[protocol.handoff.campaignProperty]);
  if (protocol.handoff.optOutProperties.some((name) => isTrue(contact[name]))) {
    retire(ctx, 'opted_out');
    return;
  }
  evaluate(ctx);
  if (changed.length > 0 && missingRequired(lead, protocol).length === 0) resolveMarketingAction(ctx, 'fix_data');
}

/**
 * Contacts were merged in HubSpot. If this lead's contact was absorbed, the lead follows the
 * survivor, unless the survivor has a lead of its own: then this one is retired as merged.
 */
export function onContactMerged(ctx: DecisionContext, event: EventOf<'hubspot.contact.merged'>): void {
  const lead = ctx.lead;
  resolveMarketingAction(ctx, 'merge');
  const previous = lead.hubspotContactId;
  if (previous === event.survivorId) {
    // This lead's contact survived the merge, holding the absorbed contact's values where HubSpot
    // kept the newer one (a rejection code of the other lead): leadpact's properties are rewritten.
    ctx.rewriteHubSpot = true;
    return;
  }
  if (event.survivorHasLead) {
    retire(ctx, 'merged');
    ctx.emit({ type: 'identity.changed', leadId: lead.id, crm: 'hubspot', previous, current: null });
    return;
  }
  lead.hubspotContactId = event.survivorId;
  // The survivor holds other values: forget the old contact's, so ours are written to it in full.
  lead.crm.hubspot = {};
  ctx.rewriteHubSpot = true;
  ctx.emit({ type: 'identity.changed', leadId: lead.id, crm: 'hubspot', previous, current: event.survivorId });
  ctx.audit('identity_changed', `HubSpot contact ${previous ?? 'none'} was merged into ${event.survivorId}`);
}

export function onContactDeleted(ctx: DecisionContext, event: EventOf<'hubspot.contact.deleted'>): void {
  retire(ctx, event.privacy ? 'privacy_deleted' : 'deleted');
}
