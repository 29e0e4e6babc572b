import { randomUUID } from 'node:crypto';
import type { HubSpotContact } from '../../../connectors/hubspot/hubspot-port';
import type { LeadEvent, Protocol } from '../../protocol';
import { hubspotRoles } from '../../protocol/field-sync';
import { leadId, type HubSpotContactId } from '../../shared/ids';
import type { Routed } from '../apply-events/apply-events';
import { storableValues } from './storable-text';

/** HubSpot system properties every lead keeps besides what the protocol reads. */
const ALWAYS_READ = [
  'email',
  'firstname',
  'lastname',
  'lifecyclestage',
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
];

/** The contact properties to fetch for the engine: what the protocol reads or maps, and the basics. */
export function contactPropertiesToRead(protocol: Protocol): string[] {
  return [...new Set([...ALWAYS_READ, ...hubspotRoles(protocol).keys()])].sort();
}

/**
 * A contact's current state becomes one event. Its id is the contact's modification instant, so the
 * same state arriving twice (a webhook and a reconciliation poll) is applied once.
 */
export function routeContact(contact: HubSpotContact, changeSource: string | undefined): Routed {
  return {
    keys: [{ kind: 'hubspot', id: contact.id }],
    build(current): LeadEvent[] {
      const base = {
        id: `hs:${contact.id}:${contact.updatedAt}`,
        at: Date.parse(contact.updatedAt) || Date.parse(contact.createdAt) || 0,
        leadId: current?.id ?? leadId(randomUUID()),
        contactId: contact.id,
        properties: storableValues(contact.properties),
        ...(changeSource === undefined ? {} : { changeSource }),
      };
      return [
        current === null ? { ...base, type: 'hubspot.contact.created' } : { ...base, type: 'hubspot.contact.changed' },
      ];
    },
  };
}

export function routeDeletion(contactId: HubSpotContactId, privacy: boolean, eventId: string, at: number): Routed {
  return {
    keys: [{ kind: 'hubspot', id: contactId }],
    build: (current) =>
      current === null ? [] : [{ type: 'hubspot.contact.deleted', id: `hs:${eventId}`, at, contactId, privacy }],
  };
}

/** One merged-away (or primary) contact's lead learns which contact survives. */
export function routeMerge(
  contactId: HubSpotContactId,
  survivorId: HubSpotContactId,
  mergedIds: readonly HubSpotContactId[],
  survivorHasLead: boolean,
  eventId: string,
  at: number,
): Routed {
  return {
    keys: [{ kind: 'hubspot', id: contactId }],
    build: (current) =>
      current === null || current.hubspotContactId !== contactId
        ? []
        : [
            {
              type: 'hubspot.contact.merged',
              id: `hs:${eventId}:${contactId}`,
              at,
              contactId,
              survivorId,
              mergedIds: [...mergedIds],
              survivorHasLead,
            },
          ],
  };
}
