import type { Effect, LeadEvent } from '../../protocol';
import type { Crm } from '../../shared/errors';
import type { OutboxInput } from '../../store';

/**
 * The CRM whose change an event reports, or null: timers, admin actions and the outcomes of our
 * own writes (hand-off completed, owner assigned) are no change in a CRM.
 */
export function changeSource(event: LeadEvent): Crm | null {
  switch (event.type) {
    case 'hubspot.contact.created':
    case 'hubspot.contact.changed':
    case 'hubspot.contact.merged':
    case 'hubspot.contact.deleted':
      return 'hubspot';
    case 'salesforce.lead.created':
    case 'salesforce.lead.changed':
    case 'salesforce.lead.converted':
    case 'salesforce.lead.merged':
    case 'salesforce.lead.deleted':
    case 'salesforce.activity.logged':
    case 'salesforce.opportunity.changed':
      return 'salesforce';
    default:
      return null;
  }
}

/**
 * The rows, each write into one CRM stamped with the instant of the change in the other CRM that
 * caused it (the event's own timestamp), so the relay can time the sync from change to write.
 */
export function withChangeTimes(rows: readonly OutboxInput[], origins: ReadonlyMap<unknown, LeadEvent>): OutboxInput[] {
  return rows.map((row) => {
    const event = origins.get(row.payload);
    const source = event === undefined ? null : changeSource(event);
    return source !== null && source !== row.crm && event !== undefined ? { ...row, changedAt: event.at } : row;
  });
}

export type EffectOrigins = Map<Effect, LeadEvent>;
