import type { Refusal } from './context';
import { DecisionContext } from './context';
import type { Effect } from './effects';
import type { LeadEvent } from './events';
import { handoffEffect } from './handoff';
import { onContactDeleted, onContactMerged, onContactUpsert } from './hubspot.handler';
import { onHandoffCompleted, onHandoffFailed } from './handoff.handler';
import {
  onManualAccept,
  onManualDisqualify,
  onManualReassign,
  onManualReject,
  onManualReleaseField,
  onManualRequalify,
} from './manual.handler';
import { onOpportunityChanged } from './opportunity.handler';
import { onUpdateRefused } from './update-refused.handler';
import {
  onActivityLogged,
  onLeadConverted,
  onOwnerAssigned,
  onRecordChanged,
  onRecordCreated,
  onRecordDeleted,
  onRecordMerged,
} from './salesforce.handler';
import { onTimerFired } from './timer.handler';
import { sweepDormancy } from './dormancy';
import { newLead, type Lead } from './lead';
import type { Protocol } from './schema/protocol.schema';
import { lifecycleWrite } from './hubspot-lifecycle';
import { hubspotProjection, salesforceProjection, takeChanges } from './write-back';
import { hubspotEngineProperties } from './write-back-fields';

/** How many applied event ids a lead remembers, so a redelivery is recognised. */
const REMEMBERED_EVENTS = 100;

export interface Decision {
  /** The lead after the event; null only when there was no lead and the event creates none. */
  readonly lead: Lead | null;
  readonly effects: readonly Effect[];
  /** A change the protocol does not allow: recorded (an audit effect), never applied. */
  readonly refused?: Refusal;
  /** Why the event changed nothing (a redelivery, a stale timer, news about another record). */
  readonly ignored?: string;
}

function created(event: LeadEvent, protocol: Protocol): Lead | null {
  switch (event.type) {
    case 'hubspot.contact.created':
    case 'hubspot.contact.changed':
      return newLead({
        id: event.leadId,
        at: event.at,
        protocolVersion: protocol.version,
        hubspotContactId: event.contactId,
      });
    case 'salesforce.lead.created':
      return newLead({ id: event.leadId, at: event.at, protocolVersion: protocol.version, origin: 'sales' });
    default:
      return null;
  }
}

function dispatch(ctx: DecisionContext, isNew: boolean): void {
  const event = ctx.event;
  switch (event.type) {
    case 'hubspot.contact.created':
    case 'hubspot.contact.changed':
      return onContactUpsert(ctx, event);
    case 'hubspot.contact.merged':
      return onContactMerged(ctx, event);
    case 'hubspot.contact.deleted':
      return onContactDeleted(ctx, event);
    case 'salesforce.lead.created':
      return onRecordCreated(ctx, event, isNew);
    case 'salesforce.lead.changed':
      return onRecordChanged(ctx, event);
    case 'salesforce.lead.converted':
      return onLeadConverted(ctx, event);
    case 'salesforce.lead.merged':
      return onRecordMerged(ctx, event);
    case 'salesforce.lead.deleted':
      return onRecordDeleted(ctx, event);
    case 'salesforce.activity.logged':
      return onActivityLogged(ctx, event);
    case 'salesforce.opportunity.changed':
      return onOpportunityChanged(ctx, event);
    case 'salesforce.handoff.completed':
      return onHandoffCompleted(ctx, event);
    case 'salesforce.handoff.failed':
      return onHandoffFailed(ctx, event);
    case 'salesforce.update.refused':
      return onUpdateRefused(ctx, event);
    case 'salesforce.owner.assigned':
      return onOwnerAssigned(ctx, event);
    case 'timer.fired':
      return onTimerFired(ctx, event);
    case 'dormancy.sweep':
      return sweepDormancy(ctx);
    case 'manual.accept':
      return onManualAccept(ctx, event);
    case 'manual.reject':
      return onManualReject(ctx, event);
    case 'manual.requalify':
      return onManualRequalify(ctx);
    case 'manual.disqualify':
      return onManualDisqualify(ctx, event);
    case 'manual.reassign':
      return onManualReassign(ctx, event);
    case 'manual.release_field':
      return onManualReleaseField(ctx, event);
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * What the CRMs must be told: the hand-off (full field set) when this decision hands off, else
 * the fields that changed on the linked Salesforce record, and the changed HubSpot properties.
 */
function writes(ctx: DecisionContext): void {
  const { lead, protocol } = ctx;
  if (ctx.handoff !== undefined) {
    ctx.emit(handoffEffect(ctx, ctx.handoff));
  } else if (lead.salesforce !== null && lead.pendingHandoff === null && !ctx.holdSalesforceWrites) {
    const desired = { ...salesforceProjection(lead, protocol, lead.salesforce.object), ...ctx.salesforceWrites };
    const fields = takeChanges(lead, 'salesforce', desired);
    if (Object.keys(fields).length > 0) {
      ctx.emit({
        type: 'salesforce.update',
        leadId: lead.id,
        salesforceId: lead.salesforce.id,
        object: lead.salesforce.object,
        fields,
      });
    }
  }
  // HubSpot hears of a hand-off once Salesforce has the record: one write with the stage and the
  // record's id together, rather than a stage the record does not back yet and a second write.
  if (lead.hubspotContactId !== null && lead.retired === null && lead.pendingHandoff === null) {
    // Before takeChanges, which records the write as if it had landed.
    const moveBack = lifecycleWrite(lead, protocol).clearFirst;
    const properties = takeChanges(lead, 'hubspot', hubspotProjection(lead, protocol));
    if (ctx.rewriteHubSpot) {
      const own = hubspotEngineProperties(lead, protocol);
      Object.assign(lead.crm.hubspot, own);
      for (const [name, value] of Object.entries(own)) properties[name] ??= value;
    }
    const clearFirst = moveBack.filter((name) => Object.hasOwn(properties, name));
    if (Object.keys(properties).length > 0)
      ctx.emit({
        type: 'hubspot.update',
        leadId: lead.id,
        contactId: lead.hubspotContactId,
        properties,
        ...(clearFirst.length > 0 ? { clearFirst } : {}),
      });
  }
}

/**
 * The protocol engine: given the lead (or null), one event, the protocol and the clock, returns
 * the lead's next state and the effects the jobs layer must carry out. Pure: no IO, no clock of
 * its own, no randomness; the same inputs always give the same decision, and an event already
 * applied (same id) changes nothing.
 */
export function decide(lead: Lead | null, event: LeadEvent, protocol: Protocol, now: number): Decision {
  if (lead !== null && lead.recentEventIds.includes(event.id))
    return { lead, effects: [], ignored: `event ${event.id} was already applied` };
  const start = lead ?? created(event, protocol);
  if (start === null)
    return { lead: null, effects: [], ignored: `${event.type} concerns no known lead and creates none` };
  const ctx = new DecisionContext(structuredClone(start), event, protocol, now);
  dispatch(ctx, lead === null);
  if (ctx.ignored !== undefined) return { lead, effects: [], ignored: ctx.ignored };
  ctx.lead.protocolVersion = protocol.version;
  writes(ctx);
  ctx.lead.revision += 1;
  ctx.lead.recentEventIds = [...ctx.lead.recentEventIds, event.id].slice(-REMEMBERED_EVENTS);
  return ctx.refused === undefined
    ? { lead: ctx.lead, effects: ctx.effects }
    : { lead: ctx.lead, effects: ctx.effects, refused: ctx.refused };
}
