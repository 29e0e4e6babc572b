import { lifecycleWrite } from './hubspot-lifecycle';
import type { Lead } from './lead';
import type { FieldMapping, Side } from './schema/mapping.schema';
import type { Protocol } from './schema/protocol.schema';
import { isBlank, sameFieldValue, type FieldValue } from './values';
import type { SalesforceObject } from './effects';
import { hubspotEngineProperties, salesforceEngineFields } from './write-back-fields';

// The hand-off builds its create from the engine fields alone.
export { salesforceEngineFields };

/** The field a mapping writes on this Salesforce object, or null when the object has none. */
export function salesforceName(mapping: FieldMapping, object: SalesforceObject): string | null {
  if (object === 'Lead') return mapping.salesforce;
  return mapping.salesforceContact === undefined ? mapping.salesforce : mapping.salesforceContact;
}

/** HubSpot spelling -> Salesforce spelling, through the mapping's picklist table. */
export function toSalesforceValue(mapping: FieldMapping, value: FieldValue | undefined): FieldValue {
  if (value === undefined) return null;
  return typeof value === 'string' ? (mapping.values?.[value] ?? value) : value;
}

/** Salesforce spelling -> HubSpot spelling; HubSpot keeps every property as text. */
export function toHubSpotValue(mapping: FieldMapping, value: FieldValue): FieldValue {
  if (isBlank(value)) return null;
  const text = String(value);
  const entry = Object.entries(mapping.values ?? {}).find(([, salesforce]) => salesforce === text);
  return entry === undefined ? text : entry[0];
}

/** The mapped contact fields flowing to Salesforce, under the object's field names. */
export function salesforceMappedFields(
  lead: Lead,
  protocol: Protocol,
  object: SalesforceObject,
): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const mapping of protocol.fieldSync.mapping) {
    const name = salesforceName(mapping, object);
    // A field with no agreed value yet (or erased for privacy) is left alone rather than cleared.
    if (mapping.direction === 'salesforce_to_hubspot' || name === null || !Object.hasOwn(lead.agreed, mapping.hubspot))
      continue;
    fields[name] = toSalesforceValue(mapping, lead.agreed[mapping.hubspot]);
  }
  return fields;
}

/** Everything leadpact wants the Salesforce record to hold, under the object's field names. */
export function salesforceProjection(
  lead: Lead,
  protocol: Protocol,
  object: SalesforceObject,
): Record<string, FieldValue> {
  return { ...salesforceEngineFields(lead, protocol, object), ...salesforceMappedFields(lead, protocol, object) };
}

/** Everything leadpact wants the HubSpot contact to hold (datetimes as epoch-ms strings). */
export function hubspotProjection(lead: Lead, protocol: Protocol): Record<string, FieldValue> {
  const properties = { ...hubspotEngineProperties(lead, protocol), ...lifecycleWrite(lead, protocol).properties };
  for (const mapping of protocol.fieldSync.mapping) {
    if (mapping.direction === 'hubspot_to_salesforce' || !Object.hasOwn(lead.agreed, mapping.hubspot)) continue;
    properties[mapping.hubspot] = lead.agreed[mapping.hubspot] ?? null;
  }
  return properties;
}

/**
 * The fields of `desired` that the CRM does not hold yet (by what leadpact believes it holds),
 * minus quarantined ones; `believed` is updated as if the write lands, so the echo is a no-op.
 */
export function takeChanges(
  lead: Lead,
  side: Side,
  desired: Readonly<Record<string, FieldValue>>,
): Record<string, FieldValue> {
  const believed = lead.crm[side];
  const changes: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(desired)) {
    if (lead.fieldGuard.quarantined.includes(`${side}:${name}`)) continue;
    const known = believed[name];
    if (known === undefined ? isBlank(value) : sameFieldValue(known, value)) continue;
    changes[name] = value;
    believed[name] = value;
  }
  return changes;
}

/** Drops nulls: a record being created has nothing to clear. */
export function withoutBlanks(fields: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => !isBlank(value)));
}
