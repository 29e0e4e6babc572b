import { sameCountry } from '../shared/iso-3166';
import type { DecisionContext } from './context';
import { LEAD_STATUS_PROPERTY, LIFECYCLE_PROPERTY } from './hubspot-lifecycle';
import type { SalesforceObject } from './effects';
import type { Lead } from './lead';
import type { FieldMapping, Side } from './schema/mapping.schema';
import type { Protocol } from './schema/protocol.schema';
import { sameFieldValue, type FieldValue } from './values';
import { salesforceName, toHubSpotValue } from './write-back';

const HOUR_MS = 3_600_000;

/** read: a property the rules, routing or hand-off look at; mapped: synced under the ownership rule. */
type Role = { readonly kind: 'read' } | { readonly kind: 'mapped'; readonly mapping: FieldMapping };

const READ: Role = { kind: 'read' };

/** The HubSpot properties a lead keeps: those the protocol reads, and the mapped ones. */
export function hubspotRoles(protocol: Protocol): ReadonlyMap<string, Role> {
  const { qualification, routing, handoff, fieldSync } = protocol;
  const read = [
    ...[...qualification.fit.rules, ...qualification.readiness.rules].flatMap((rule) =>
      rule.property === undefined ? [] : [rule.property],
    ),
    ...qualification.touches.sources.map((source) => source.property),
    routing.countryProperty,
    routing.regionProperty,
    ...(routing.segmentProperty === undefined ? [] : [routing.segmentProperty]),
    ...handoff.requiredProperties,
    handoff.emailProperty,
    handoff.sourceProperty,
    ...(handoff.campaignProperty === undefined ? [] : [handoff.campaignProperty]),
    ...handoff.optOutProperties,
  ];
  // HubSpot's own funnel: leadpact writes it forward only, so it keeps what HubSpot holds.
  if (protocol.hubspotLifecycle.enabled) read.push(LIFECYCLE_PROPERTY, LEAD_STATUS_PROPERTY);
  const roles = new Map<string, Role>(read.map((name) => [name, READ]));
  for (const mapping of fieldSync.mapping) roles.set(mapping.hubspot, { kind: 'mapped', mapping });
  return roles;
}

/** The Salesforce fields a lead keeps: how Sales answers (status or sales response, rejection code and note) and the mapped ones. */
export function salesforceRoles(protocol: Protocol, object: SalesforceObject): ReadonlyMap<string, Role> {
  const statusField = object === 'Lead' ? protocol.salesStatus.leadField : protocol.salesStatus.contactField;
  const roles = new Map<string, Role>([
    [protocol.writeBack.salesforce.rejectionCode, READ],
    [protocol.writeBack.salesforce.rejectionNote, READ],
  ]);
  if (statusField !== null) roles.set(statusField, READ);
  if (object === 'Contact') roles.set(protocol.writeBack.salesforce.salesResponse, READ);
  for (const mapping of protocol.fieldSync.mapping) {
    const name = salesforceName(mapping, object);
    if (name !== null) roles.set(name, { kind: 'mapped', mapping });
  }
  return roles;
}

/** Counts a change of side:field in the last hour; past the protocol's limit the field is quarantined. */
function countChange(ctx: DecisionContext, key: string): boolean {
  const guard = ctx.lead.fieldGuard;
  const recent = (guard.changes[key] ?? []).filter((at) => at > ctx.now - HOUR_MS);
  recent.push(ctx.now);
  guard.changes[key] = recent;
  if (recent.length <= ctx.protocol.fieldSync.maxFlipsPerHour) return false;
  guard.quarantined.push(key);
  delete guard.changes[key];
  ctx.audit(
    'field_quarantined',
    `${key} changed ${recent.length} times within an hour; leadpact stops writing it until released`,
  );
  ctx.metric('field.quarantined', { field: key });
  ctx.violation('field_flapping', `${key} flips between values faster than the protocol allows`);
  return true;
}

function ownerHolds(ctx: DecisionContext, mapping: FieldMapping): boolean {
  if (mapping.owner === 'hubspot') return Object.hasOwn(ctx.lead.crm.hubspot, mapping.hubspot);
  const record = ctx.lead.salesforce;
  const name = record === null ? null : salesforceName(mapping, record.object);
  return name !== null && Object.hasOwn(ctx.lead.crm.salesforce, name);
}

/**
 * The owner's change becomes the agreed value (and flows to the other side when the lead's writes
 * are computed). The other side's change is reverted: the agreed value stays and is written back.
 * Until the owner holds a value at all (before hand-off), either side may set it.
 */
function mappedChange(ctx: DecisionContext, side: Side, mapping: FieldMapping, name: string, value: FieldValue): void {
  const hubspotValue = side === 'hubspot' ? value : toHubSpotValue(mapping, value);
  if (side === mapping.owner || !ownerHolds(ctx, mapping)) {
    ctx.lead.agreed[mapping.hubspot] = hubspotValue;
    return;
  }
  if (sameFieldValue(ctx.lead.agreed[mapping.hubspot], hubspotValue)) return;
  ctx.audit(
    'field_reverted',
    `${side} changed ${name}, which ${mapping.owner} owns; the owner's value is written back`,
  );
  ctx.metric('field.reverted', { side, field: name });
}

/**
 * Takes in what a CRM reports for a lead: remembers the values the protocol reads, applies the
 * ownership rule to mapped fields, and counts their changes for quarantine; returns the names
 * whose value changed. leadpact's own
 * write-back fields are not read back, so a write still in flight is never mistaken for an edit.
 */
export function ingest(ctx: DecisionContext, side: Side, incoming: Readonly<Record<string, FieldValue>>): string[] {
  const changed: string[] = [];
  const roles =
    side === 'hubspot'
      ? hubspotRoles(ctx.protocol)
      : salesforceRoles(ctx.protocol, ctx.lead.salesforce?.object ?? 'Lead');
  const believed = ctx.lead.crm[side];
  for (const [name, value] of Object.entries(incoming)) {
    const role = roles.get(name);
    if (role === undefined) continue;
    const known = Object.hasOwn(believed, name);
    if (known && (sameFieldValue(believed[name], value) || sameCountry(name, believed[name], value))) continue;
    believed[name] = value;
    changed.push(name);
    const key = `${side}:${name}`;
    if (role.kind === 'read' || ctx.lead.fieldGuard.quarantined.includes(key)) continue;
    if (known && countChange(ctx, key)) continue;
    mappedChange(ctx, side, role.mapping, name, value);
  }
  return changed;
}

/**
 * The contact as the protocol judges it: what HubSpot holds, with each mapped field at its agreed
 * value (a reverted edit does not count, a change the owner made in Salesforce does).
 */
export function contactProperties(lead: Lead): Readonly<Record<string, FieldValue>> {
  return { ...lead.crm.hubspot, ...lead.agreed };
}
