import { randomUUID } from 'node:crypto';
import type { LeadConversion, SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { LeadEvent } from '../../protocol';
import { parseInstant } from '../../protocol/values';
import { lookupKey, repositories, type Db } from '../../store';
import { LeadpactError } from '../../shared/errors';
import { FOLLOWED_SALESFORCE_OBJECTS, type FollowedObject } from '../../shared/field-specs';
import { hubSpotContactId, isHubSpotContactId, isSalesforceId, leadId, type SalesforceId } from '../../shared/ids';
import type { Routed } from '../apply-events/apply-events';
import { storableText } from './storable-text';

/** A Salesforce record as an outbound message or a poll delivered it; field values as received. */
export interface SalesforceChange {
  readonly object: string;
  readonly id: SalesforceId;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Unique per delivery of this state: the notification id, or the record's SystemModstamp. */
  readonly changeId: string;
  readonly at: number;
  /** For a Contact leadpact did not know: the Lead it was converted from, if any (withConversions). */
  readonly convertedFrom?: LeadConversion;
  /**
   * For an Opportunity a Lead's conversion created, delivered with that conversion: the Lead, which
   * finds the lead before the conversion that links the opportunity to it is saved.
   */
  readonly convertedLead?: SalesforceId;
  /**
   * Whether a Lead or Contact the ledger does not know may become a lead sourced by Sales (default
   * true). A read-back says no for a record that has not changed lately: naming an old record in a
   * posted notification must not make it news.
   */
  readonly mayCreate?: boolean;
}

export type { Routed } from '../apply-events/apply-events';

type FieldValue = string | number | boolean | null;

function value(raw: unknown): FieldValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return storableText(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return storableText(JSON.stringify(raw));
}

function flag(raw: unknown): boolean {
  return raw === true || raw === 'true';
}

function idOf(raw: unknown): SalesforceId | null {
  return typeof raw === 'string' && isSalesforceId(raw) ? raw : null;
}

function instantOf(raw: unknown, fallback: number): number {
  const parsed = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(parsed) ? fallback : parsed;
}

function scalarFields(fields: Readonly<Record<string, unknown>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, raw] of Object.entries(fields)) if (name !== 'attributes') out[storableText(name)] = value(raw);
  return out;
}

/** A Lead or Contact as the engine takes it: its field values, and Salesforce's system fields as facts. */
function recordState(change: SalesforceChange): {
  fields: Record<string, FieldValue>;
  stateAt?: number;
  ownerId?: SalesforceId;
  lastActivityAt?: number;
} {
  const fields = scalarFields(change.fields);
  const stateAt = parseInstant(fields.SystemModstamp);
  const ownerId = idOf(fields.OwnerId);
  const lastActivityAt = parseInstant(fields.LastActivityDate);
  return {
    fields,
    ...(stateAt === null ? {} : { stateAt }),
    ...(ownerId === null ? {} : { ownerId }),
    ...(lastActivityAt === null ? {} : { lastActivityAt }),
  };
}

const FOLLOWED_OBJECTS: ReadonlySet<string> = new Set(FOLLOWED_SALESFORCE_OBJECTS);

/** Whether changes of this sObject type can mean anything to a lead (routeSalesforceChange routes them). */
export function isFollowedObject(object: string): object is FollowedObject {
  return FOLLOWED_OBJECTS.has(object);
}

/** The key prefix every id of a followed object starts with; a record id of another object is not one of its. */
const KEY_PREFIXES: Readonly<Record<FollowedObject, string>> = {
  Lead: '00Q',
  Contact: '003',
  Opportunity: '006',
  Task: '00T',
  Event: '00U',
};

export function idFitsObject(object: string, id: string): boolean {
  return isFollowedObject(object) && id.startsWith(KEY_PREFIXES[object]);
}

/** When the record changed, by Salesforce's own stamp when the record carries one. */
export function changedAt(fields: Readonly<Record<string, unknown>>, fallback: number): number {
  const stamp = fields.SystemModstamp ?? fields.LastModifiedDate;
  const parsed = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(parsed) ? fallback : parsed;
}

/**
 * Turns a Salesforce change into lead events; null for objects or records leadpact does not follow.
 * `integrationUser` is the user leadpact writes as: the Tasks it creates are not Sales' touches.
 */
export function routeSalesforceChange(
  change: SalesforceChange,
  hubspotIdField: string,
  integrationUser: SalesforceId | null = null,
): Routed | null {
  switch (change.object) {
    case 'Lead':
    case 'Contact':
      return routePerson(change, change.object, hubspotIdField);
    case 'Opportunity':
      return routeOpportunity(change);
    case 'Task':
    case 'Event':
      return integrationUser !== null && change.fields.CreatedById === integrationUser
        ? null
        : routeActivity(change, change.object);
    default:
      return null;
  }
}

/**
 * A Lead's conversion creates its Contact, and the two records' news can arrive in either order.
 * Contacts unknown to the ledger are looked up as conversions (one query for the batch), so a
 * Contact that arrives first carries its Lead's conversion instead of passing for one Sales sourced.
 */
export async function withConversions(
  db: Db,
  salesforce: Pick<SalesforcePort, 'findConversions'>,
  changes: readonly SalesforceChange[],
): Promise<readonly SalesforceChange[]> {
  const contacts = changes.filter((change) => change.object === 'Contact' && !flag(change.fields.IsDeleted));
  if (contacts.length === 0) return changes;
  const known = await repositories(db).leads.findMany(
    contacts.map((change) => ({ kind: 'salesforce', id: change.id })),
  );
  const unknown = [
    ...new Set(contacts.map((change) => change.id).filter((id) => !known.has(lookupKey({ kind: 'salesforce', id })))),
  ];
  if (unknown.length === 0) return changes;
  const conversions = await salesforce.findConversions(unknown);
  return changes.map((change) => {
    const convertedFrom = change.object === 'Contact' ? conversions.get(change.id) : undefined;
    return convertedFrom === undefined ? change : { ...change, convertedFrom };
  });
}

function routePerson(change: SalesforceChange, object: 'Lead' | 'Contact', hubspotIdField: string): Routed {
  const base = { id: `sf:${change.changeId}`, at: change.at, salesforceId: change.id, object };
  const hubspotId = change.fields[hubspotIdField];
  const masterId = idOf(change.fields.MasterRecordId);
  const conversion = change.convertedFrom;
  return {
    keys: [
      { kind: 'salesforce', id: change.id },
      ...(conversion === undefined ? [] : [{ kind: 'salesforce', id: conversion.leadId } as const]),
      // By the HubSpot id too: our own hand-off can echo back before its completion linked the record.
      ...(typeof hubspotId === 'string' && isHubSpotContactId(hubspotId)
        ? [{ kind: 'hubspot', id: hubSpotContactId(hubspotId) } as const]
        : []),
    ],
    build(current) {
      if (flag(change.fields.IsDeleted)) {
        return [
          masterId === null
            ? { ...base, type: 'salesforce.lead.deleted' }
            : { ...base, type: 'salesforce.lead.merged', masterId },
        ];
      }
      if (conversion !== undefined && current?.salesforce?.id === conversion.leadId) {
        // The Contact came before its Lead's own news: the conversion first, then the Contact as it is.
        return [
          {
            ...base,
            id: `${base.id}:conversion`,
            type: 'salesforce.lead.converted',
            salesforceId: conversion.leadId,
            object: 'Lead',
            contactId: change.id,
            accountId: conversion.accountId,
            opportunityId: conversion.opportunityId,
          },
          { ...base, type: 'salesforce.lead.changed', ...recordState(change) },
        ];
      }
      if (current !== null && current.salesforce === null) {
        // The hand-off wrote this record but its completion is not recorded yet. The change may be
        // Sales acting already, so it is not dropped: the job is retried once the link exists.
        if (current.pendingHandoff !== null)
          throw new LeadpactError(
            'LEAD_NOT_LINKED_YET',
            `Salesforce ${object} ${change.id} changed before its hand-off was recorded`,
          );
        return [];
      }
      if (current === null && change.mayCreate === false) return [];
      const converted = object === 'Lead' && flag(change.fields.IsConverted);
      const changed: LeadEvent =
        current === null
          ? { ...base, type: 'salesforce.lead.created', leadId: leadId(randomUUID()), ...recordState(change) }
          : {
              ...base,
              type: 'salesforce.lead.changed',
              ...recordState(change),
              ...(converted ? { converted } : {}),
            };
      if (!converted) return [changed];
      return [
        changed,
        {
          ...base,
          id: `${base.id}:converted`,
          type: 'salesforce.lead.converted',
          contactId: idOf(change.fields.ConvertedContactId),
          accountId: idOf(change.fields.ConvertedAccountId),
          opportunityId: idOf(change.fields.ConvertedOpportunityId),
        },
      ];
    },
  };
}

/**
 * A change event names only the fields that changed: an Opportunity closed at the amount it had
 * leaves Amount out, one lost leaves IsWon (false while open) out. What it leaves out is what the
 * lead holds from the Opportunity's earlier events: its amount, and closed and won by its outcome.
 */
function routeOpportunity(change: SalesforceChange): Routed {
  const converting =
    change.convertedLead === undefined ? [] : [{ kind: 'salesforce' as const, id: change.convertedLead }];
  return {
    keys: [{ kind: 'opportunity', id: change.id }, ...converting],
    build(current) {
      if (current === null) return [];
      const named = (field: string) => Object.hasOwn(change.fields, field);
      const amount = named('Amount') ? Number(change.fields.Amount) : current.amount;
      return [
        {
          type: 'salesforce.opportunity.changed',
          id: `sf:${change.changeId}`,
          at: change.at,
          opportunityId: change.id,
          stageName: typeof change.fields.StageName === 'string' ? change.fields.StageName : '',
          isClosed: named('IsClosed') ? flag(change.fields.IsClosed) : current.outcome !== null,
          isWon: named('IsWon') ? flag(change.fields.IsWon) : current.outcome === 'won',
          amount: amount === null || change.fields.Amount === null || Number.isNaN(amount) ? null : amount,
        },
      ];
    },
  };
}

/** A Task or Event on a Lead or Contact (WhoId) is a touch by Sales. */
function routeActivity(change: SalesforceChange, kind: 'Task' | 'Event'): Routed | null {
  const whoId = idOf(change.fields.WhoId);
  if (whoId === null || flag(change.fields.IsDeleted)) return null;
  const object = whoId.startsWith('00Q') ? 'Lead' : whoId.startsWith('003') ? 'Contact' : null;
  if (object === null) return null;
  return {
    keys: [{ kind: 'salesforce', id: whoId }],
    build(current) {
      if (current === null) return [];
      return [
        {
          type: 'salesforce.activity.logged',
          id: `sf:${change.changeId}`,
          at: change.at,
          salesforceId: whoId,
          object,
          activityId: change.id,
          activityAt: instantOf(change.fields.CreatedDate, change.at),
          kind: kind === 'Task' ? 'task' : 'event',
        },
      ];
    },
  };
}
