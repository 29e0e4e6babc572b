import { z } from 'zod';
import { err, ok, type Result } from '../../../src/shared/result';
import type { WriteSource } from './change-feed';
import { blankObject, lifecycleNext, type WriteFailure } from './crm-writes';
import { lastModifiedOf } from './default-properties';
import { notFound, validationError } from './hubspot-errors';
import type { StoredObject } from './object-store';
import { objectJson } from './object-view';
import { isStandardType, type StandardObjectType } from './property-model';
import { knownProperty, objectTypeOf, parseBody } from './route-helpers';
import { sourceOf, type SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

const mergeSchema = z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string() });

/** Properties the merged record computes afresh instead of copying. */
const RECOMPUTED = new Set([
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_merged_object_ids',
  'hs_additional_emails',
]);
/** Activity counters add up across the merged records. */
const SUMMED = [
  'num_conversion_events',
  'num_unique_conversion_events',
  'hs_analytics_num_page_views',
  'hs_analytics_num_visits',
];

/**
 * Merges as HubSpot does since 2024 (https://developers.hubspot.com/changelog/updated-merge-functionality-for-contacts-and-companies):
 * a new record with a new id; the primary's values win, the secondary fills the gaps; both old ids
 * keep answering with the new record; lifecycle stage keeps the furthest stage.
 */
export function mergeRecords(
  ctx: SimContext,
  type: StandardObjectType,
  primaryId: string,
  secondaryId: string,
  source: WriteSource,
): Result<StoredObject, WriteFailure | { readonly kind: 'same' }> {
  const primary = ctx.store.resolve(type, primaryId);
  const secondary = ctx.store.resolve(type, secondaryId);
  if (primary === undefined) return err({ kind: 'notFound', id: primaryId });
  if (secondary === undefined) return err({ kind: 'notFound', id: secondaryId });
  if (primary.id === secondary.id) return err({ kind: 'same' });
  const now = Math.max(ctx.clock(), primary.updatedAt, secondary.updatedAt);
  const merged = blankObject(ctx.store.allocateId(), type, Math.min(primary.createdAt, secondary.createdAt));
  const { values, moved } = mergedValues(primary, secondary, merged, now);
  for (const old of [primary, secondary]) {
    ctx.writes.releaseUniques(old);
    old.mergedInto = merged.id;
    old.updatedAt = now;
    ctx.writes.commit(old, now);
  }
  ctx.store.insert(merged);
  ctx.writes.apply(merged, values, source, now);
  merged.updatedAt = now;
  claimSecondaryEmail(ctx, merged, secondary);
  ctx.writes.commit(merged, now);
  ctx.associations.moveAll(type, [primary.id, secondary.id], merged.id);
  ctx.writes.emit({
    kind: 'merge',
    objectType: type,
    objectId: merged.id,
    primaryObjectId: primary.id,
    mergedObjectIds: [secondary.id],
    newObjectId: merged.id,
    numberOfPropertiesMoved: moved,
    occurredAt: now,
    source,
  });
  return ok(merged);
}

function mergedValues(
  primary: StoredObject,
  secondary: StoredObject,
  merged: StoredObject,
  now: number,
): { values: Map<string, string | null>; moved: number } {
  const values = new Map<string, string | null>();
  let moved = 0;
  for (const [name, value] of secondary.values) {
    if (RECOMPUTED.has(name) || primary.values.has(name)) continue;
    values.set(name, value);
    moved++;
  }
  for (const [name, value] of primary.values) if (!RECOMPUTED.has(name)) values.set(name, value);
  const stage = furthestStage(primary.values.get('lifecyclestage'), secondary.values.get('lifecyclestage'));
  if (stage !== undefined) values.set('lifecyclestage', stage);
  for (const counter of SUMMED) {
    const total = Number(primary.values.get(counter) ?? 0) + Number(secondary.values.get(counter) ?? 0);
    if (primary.values.has(counter) || secondary.values.has(counter)) values.set(counter, String(total));
  }
  const mergedIds = [primary, secondary].flatMap((old) => [
    ...splitList(old.values.get('hs_merged_object_ids')),
    old.id,
  ]);
  const iso = new Date(now).toISOString();
  values
    .set('hs_object_id', merged.id)
    .set('createdate', new Date(merged.createdAt).toISOString())
    .set(lastModifiedOf(merged.type), iso);
  values.set('hs_merged_object_ids', mergedIds.join(';'));
  const additional = [
    ...splitList(primary.values.get('hs_additional_emails')),
    ...splitList(secondary.values.get('hs_additional_emails')),
  ];
  const secondaryEmail = secondary.values.get('email');
  if (secondaryEmail !== undefined && secondaryEmail.toLowerCase() !== primary.values.get('email')?.toLowerCase())
    additional.push(secondaryEmail);
  if (additional.length > 0) values.set('hs_additional_emails', additional.join(';'));
  return { values, moved };
}

/** The secondary's address stays taken: a new contact with it collides with the merged record. */
function claimSecondaryEmail(ctx: SimContext, merged: StoredObject, secondary: StoredObject): void {
  const email = secondary.values.get('email');
  if (merged.type === 'contacts' && email !== undefined) ctx.store.claimUnique('contacts', 'email', email, merged.id);
}

function furthestStage(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return lifecycleNext(a, b) ?? a;
}

function splitList(value: string | undefined): string[] {
  return value === undefined || value === '' ? [] : value.split(';');
}

function mergeRoute(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  if (!isStandardType(type.value)) return validationError('The simulator merges contacts, companies and deals only');
  const body = parseBody(mergeSchema, request.body);
  if (!body.ok) return body.error;
  const merged = mergeRecords(
    ctx,
    type.value,
    body.value.primaryObjectId,
    body.value.objectIdToMerge,
    sourceOf(request.actor, ctx.credentials),
  );
  if (merged.ok)
    return json(
      200,
      objectJson(merged.value, { properties: [], propertiesWithHistory: [], known: knownProperty(ctx, type.value) }),
    );
  if (merged.error.kind === 'notFound') return notFound(`Object ${merged.error.id} not found`);
  return validationError('Cannot merge an object with itself');
}

export function mergeRoutes(ctx: SimContext): Route[] {
  return [
    { method: 'POST', pattern: '/crm/v3/objects/:objectType/merge', kind: 'crm', handler: (r) => mergeRoute(ctx, r) },
  ];
}
