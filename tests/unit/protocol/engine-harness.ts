import { DateTime } from 'luxon';
import {
  decide,
  type Decision,
  type Effect,
  type EventOf,
  type Lead,
  type LeadEvent,
  type Protocol,
} from '../../../src/protocol';
import { hubSpotContactId, leadId, salesforceId } from '../../../src/shared/ids';
import { exampleProtocol } from './fixtures';

export const protocol: Protocol = exampleProtocol();
export const LEAD = leadId('3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c');
export const CONTACT = hubSpotContactId('101');
export const SF_LEAD = salesforceId('00Q000000000001AAA');
export const SF_CONTACT = salesforceId('003000000000001AAA');
export const OPPORTUNITY = salesforceId('006000000000001AAA');
export const REP = salesforceId('005AM0000000001YAA');
export const OTHER_REP = salesforceId('005AM0000000002YAA');

/** A wall-clock instant in New York (the Americas calendar): "2026-06-01T10:00". */
export function ny(localTime: string): number {
  return DateTime.fromISO(localTime, { zone: 'America/New_York' }).toMillis();
}

export function iso(instant: number): string {
  return new Date(instant).toISOString();
}

/** A contact Corvid's protocol qualifies: fit 75 (needs 50), readiness 40 (needs 40), in the Americas pool. */
export function qualifiedProperties(now: number): Record<string, string | null> {
  return {
    email: 'jane.doe@acme.io',
    firstname: 'Jane',
    lastname: 'Doe',
    company: 'Acme',
    jobtitle: 'VP Product',
    country: 'United States',
    state: 'MA',
    industry: 'COMPUTER_SOFTWARE',
    numberofemployees: '300',
    company_segment: 'midmarket',
    demo_requested_date: String(now - 2 * 86_400_000),
    hs_analytics_source: 'ORGANIC_SEARCH',
    utm_campaign: 'q2-webinar',
  };
}

let sequence = 0;
export function eventId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export function contactChanged(at: number, properties: Record<string, string | null>): LeadEvent {
  return { type: 'hubspot.contact.changed', id: eventId('hs'), at, leadId: LEAD, contactId: CONTACT, properties };
}

/** The facts the inbound mapper reads off a record besides its fields (owner, state stamp, last activity). */
export type RecordFacts = Pick<
  EventOf<'salesforce.lead.changed'>,
  'stateAt' | 'ownerId' | 'lastActivityAt' | 'converted'
>;

export function salesforceChanged(
  at: number,
  fields: Record<string, string | number | boolean | null>,
  id = SF_LEAD,
  facts: RecordFacts = {},
): LeadEvent {
  return {
    type: 'salesforce.lead.changed',
    id: eventId('sf'),
    at,
    salesforceId: id,
    object: id.startsWith('003') ? 'Contact' : 'Lead',
    fields,
    ...facts,
  };
}

/** Applies events in order, each at its own instant, as the jobs layer would; returns every decision. */
export function run(
  lead: Lead | null,
  events: readonly LeadEvent[],
  with_: Protocol = protocol,
): { lead: Lead; decisions: Decision[] } {
  let current = lead;
  const decisions: Decision[] = [];
  for (const event of events) {
    const decision = decide(current, event, with_, event.at);
    decisions.push(decision);
    current = decision.lead;
  }
  if (current === null) throw new Error('no lead after the events');
  return { lead: current, decisions };
}

export function effectsOf<T extends Effect['type']>(
  decisions: Decision | readonly Decision[],
  type: T,
): Extract<Effect, { type: T }>[] {
  const list = Array.isArray(decisions) ? decisions : [decisions as Decision];
  return list.flatMap((decision: Decision) =>
    decision.effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type),
  );
}

/** The stage changes a set of decisions recorded, as "from->to (cause)". */
export function transitions(decisions: Decision | readonly Decision[]): string[] {
  return effectsOf(decisions, 'audit')
    .filter((audit) => audit.kind === 'transition')
    .map((audit) => `${audit.from ?? '?'}->${audit.to ?? '?'} (${audit.cause.transition ?? '?'})`);
}

/** A lead handed off on Monday 1 June 2026 at 10:00 New York time, its hand-off completed as a new Lead owned by REP. */
export function handedOffLead(): { lead: Lead; handoffAt: number; decisions: Decision[] } {
  const handoffAt = ny('2026-06-01T10:00');
  const first = run(null, [contactChanged(handoffAt, qualifiedProperties(handoffAt))]);
  const key = first.lead.pendingHandoff ?? '';
  const completed = run(first.lead, [
    {
      type: 'salesforce.handoff.completed',
      id: eventId('handoff'),
      at: handoffAt + 5_000,
      handoffKey: key,
      salesforceId: SF_LEAD,
      object: 'Lead',
      ownerId: REP,
      created: true,
    },
  ]);
  return { lead: completed.lead, handoffAt, decisions: [...first.decisions, ...completed.decisions] };
}

/** Fires the pending timer of a kind at its own instant (as BullMQ would). */
export function fire(lead: Lead, kind: string, clock?: string): LeadEvent {
  const timer = lead.timers.find(
    (pending) =>
      pending.timer.kind === kind &&
      (clock === undefined || ('clock' in pending.timer && pending.timer.clock === clock)),
  );
  if (timer === undefined) throw new Error(`no pending ${kind} timer`);
  return { type: 'timer.fired', id: timer.key, at: timer.fireAt, leadId: lead.id, key: timer.key, timer: timer.timer };
}
