import type { DecisionContext } from './context';
import type { HandoffEffect } from './effects';
import type { Lead } from './lead';
import { resolveMarketingAction, startMarketingAction } from './marketing-sla';
import { route, type Assignment } from './routing';
import { startSla } from './sla';
import { isBlank, type FieldValue } from './values';
import { salesforceEngineFields, salesforceMappedFields, salesforceName, withoutBlanks } from './write-back';
import type { Protocol } from './schema/protocol.schema';
import { contactProperties } from './field-sync';

export function missingRequired(lead: Lead, protocol: Protocol): string[] {
  return protocol.handoff.requiredProperties.filter((name) => isBlank(contactProperties(lead)[name]));
}

function describeAssignment(assign: Assignment): string {
  switch (assign.kind) {
    case 'owner':
      return `owner ${assign.ownerId}`;
    case 'pool':
      return `pool ${assign.pool} (${assign.members.length} members)`;
    case 'queue':
      return `queue ${assign.queueId}`;
    default: {
      const never: never = assign;
      return never;
    }
  }
}

/** A new cycle with Sales: what the previous one recorded no longer describes this hand-off. */
function resetCycle(lead: Lead): void {
  lead.acceptedAt = null;
  lead.rejectedAt = null;
  lead.firstTouchAt = null;
  lead.convertedAt = null;
  lead.dormantAt = null;
  lead.reengageAt = null;
  lead.timeToAcceptMin = null;
  lead.timeToFirstTouchMin = null;
  lead.rejection = null;
  lead.salesFeedback = null;
}

/** Hands an MQL to Sales now: routes it, starts the SLA clocks at this instant, asks for the Salesforce record. */
export function handOff(ctx: DecisionContext): void {
  const { lead, protocol } = ctx;
  const routing = route(contactProperties(lead), protocol.routing);
  if (!ctx.transition('handed_off', 'handoff')) return;
  resetCycle(lead);
  lead.handoffCount += 1;
  lead.pendingHandoff = `${lead.id}:handoff:${lead.handoffCount}`;
  lead.territory = routing.territory;
  lead.ownerId = routing.assign.kind === 'owner' ? routing.assign.ownerId : null;
  resolveMarketingAction(ctx, 'fix_data');
  startSla(ctx, routing.calendar, ctx.now);
  ctx.handoff = routing;
  ctx.audit('handoff_requested', `routed to territory ${routing.territory}: ${describeAssignment(routing.assign)}`);
  ctx.metric('handoff.requested', { territory: routing.territory, matched: routing.matched });
}

/** An MQL is handed off once every required property has a value; until then Marketing's fix-data clock runs. */
export function tryHandoff(ctx: DecisionContext): void {
  const missing = missingRequired(ctx.lead, ctx.protocol);
  if (missing.length === 0) {
    handOff(ctx);
    return;
  }
  const feedback = `Hand-off blocked: missing ${missing.join(', ')}.`;
  if (ctx.lead.salesFeedback === feedback) return;
  ctx.lead.salesFeedback = feedback;
  ctx.audit('handoff_blocked', feedback);
  ctx.metric('handoff.blocked');
  if (ctx.lead.pendingMarketingAction?.action !== 'fix_data') startMarketingAction(ctx, 'fix_data');
}

/**
 * The hand-off effect, from the lead's final state in this decision. What it writes becomes what
 * leadpact believes the record holds, so later decisions send only what changed.
 */
export function handoffEffect(ctx: DecisionContext, routing: NonNullable<DecisionContext['handoff']>): HandoffEffect {
  const { lead, protocol } = ctx;
  const status = protocol.salesStatus;
  // leadpact's own fields in full (a matched record may hold values from an earlier cycle); the
  // contact's fields only where HubSpot has a value, so a matched record's data is never blanked.
  const leadFields = {
    ...salesforceEngineFields(lead, protocol, 'Lead'),
    ...withoutBlanks(salesforceMappedFields(lead, protocol, 'Lead')),
    [status.leadField]: status.open,
  };
  const contactFields = {
    ...salesforceEngineFields(lead, protocol, 'Contact'),
    ...withoutBlanks(salesforceMappedFields(lead, protocol, 'Contact')),
  };
  if (status.contactField !== null) contactFields[status.contactField] = status.open;
  lead.crm.salesforce = { ...(lead.salesforce?.object === 'Contact' ? contactFields : leadFields) };
  const email = String(contactProperties(lead)[protocol.handoff.emailProperty] ?? '').trim();
  const domain = email.includes('@') ? (email.split('@').pop() ?? '').toLowerCase() : '';
  return {
    type: 'salesforce.handoff',
    leadId: lead.id,
    handoffKey: lead.pendingHandoff ?? ctx.key('handoff'),
    hubspotContactId: lead.hubspotContactId,
    email,
    emailDomain: domain === '' ? null : domain,
    target: protocol.handoff.target,
    preferAccountOwner: protocol.handoff.preferAccountOwner,
    existing: lead.salesforce,
    leadFields,
    contactFields,
    routing,
  };
}

/** The believed Lead fields under their Contact names, when the hand-off landed on a Contact. */
export function believedAsContact(lead: Lead, protocol: Protocol): void {
  const believed: Record<string, FieldValue> = {};
  const renames = new Map(
    protocol.fieldSync.mapping.map((mapping) => [mapping.salesforce, salesforceName(mapping, 'Contact')]),
  );
  const status = protocol.salesStatus;
  for (const [name, value] of Object.entries(lead.crm.salesforce)) {
    const renamed =
      name === status.leadField ? status.contactField : renames.has(name) ? (renames.get(name) ?? null) : name;
    if (renamed !== null) believed[renamed] = value;
  }
  lead.crm.salesforce = believed;
}
