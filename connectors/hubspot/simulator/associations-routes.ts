import { z } from 'zod';
import type { WriteSource } from './change-feed';
import { associationTypes, type AssociationEdge } from './associations';
import { notFound, validationError } from './hubspot-errors';
import { labelledType, type LabelledType } from './association-labels';
import { OBJECT_TYPE_IDS, SINGULAR, standardTypeOf, type StandardObjectType } from './property-model';
import { isoNow, parseBody } from './route-helpers';
import { sourceOf, type SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

const associationSpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});

export const createAssociationsSchema = z.array(
  z.object({
    to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
    types: z.array(associationSpecSchema).min(1),
  }),
);

export interface Ends {
  readonly fromType: StandardObjectType;
  readonly fromId: string;
  readonly toType: StandardObjectType;
  readonly toId: string;
}

/** Associates two records and reports it as HubSpot does: an associationChange event for each side. */
export function linkRecords(ctx: SimContext, ends: Ends, typeId: number, source: WriteSource): boolean {
  const category = typeId > 1000 ? 'USER_DEFINED' : 'HUBSPOT_DEFINED';
  const added = ctx.associations.add({ ...ends, typeId, category });
  if (added) emitAssociationChange(ctx, ends, typeId, false, source);
  return added;
}

export function emitAssociationChange(
  ctx: SimContext,
  ends: Ends,
  typeId: number,
  removed: boolean,
  source: WriteSource,
): void {
  const now = ctx.clock();
  const primary = associationTypes(ends.fromType, ends.toType)?.primary === typeId;
  const sides: [StandardObjectType, string, StandardObjectType, string][] = [
    [ends.fromType, ends.fromId, ends.toType, ends.toId],
    [ends.toType, ends.toId, ends.fromType, ends.fromId],
  ];
  for (const [fromType, fromId, toType, toId] of sides) {
    ctx.writes.emit({
      kind: 'associationChange',
      objectType: fromType,
      fromObjectId: fromId,
      toObjectId: toId,
      associationType: `${SINGULAR[fromType].toUpperCase()}_TO_${SINGULAR[toType].toUpperCase()}`,
      associationRemoved: removed,
      isPrimaryAssociation: primary,
      occurredAt: now,
      source,
    });
  }
}

function endsOf(ctx: SimContext, request: SimRequest): Ends | SimResponse {
  const { fromType: fromName = '', fromId = '', toType: toName = '', toId = '' } = request.params;
  const fromType = standardTypeOf(fromName);
  const toType = standardTypeOf(toName);
  if (fromType === undefined || toType === undefined)
    return validationError(`Unable to infer object type from: ${fromType === undefined ? fromName : toName}`);
  return recordEnds(ctx, { fromType, fromId, toType, toId });
}

/** Both records, merges followed; the 404 names the one that is missing. */
export function recordEnds(ctx: SimContext, ends: Ends): Ends | SimResponse {
  const from = ctx.store.resolve(ends.fromType, ends.fromId);
  const to = ctx.store.resolve(ends.toType, ends.toId);
  if (from === undefined || to === undefined)
    return notFound(
      `No ${from === undefined ? ends.fromType : ends.toType} with id ${from === undefined ? ends.fromId : ends.toId}`,
    );
  return { ...ends, fromId: from.id, toId: to.id };
}

function createDefault(ctx: SimContext, request: SimRequest): SimResponse {
  const ends = endsOf(ctx, request);
  if ('status' in ends) return ends;
  const typeId = associationTypes(ends.fromType, ends.toType)?.unlabeled;
  if (typeId === undefined) return validationError(`No default association from ${ends.fromType} to ${ends.toType}`);
  linkRecords(ctx, ends, typeId, sourceOf(request.actor, ctx.credentials));
  const stamp = isoNow(ctx);
  return json(200, {
    status: 'COMPLETE',
    results: [
      {
        from: { id: ends.fromId },
        to: { id: ends.toId },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
      },
    ],
    startedAt: stamp,
    completedAt: stamp,
  });
}

function createLabelled(ctx: SimContext, request: SimRequest): SimResponse {
  const ends = endsOf(ctx, request);
  if ('status' in ends) return ends;
  const specs = parseBody(z.array(associationSpecSchema).min(1), request.body);
  if (!specs.ok) return specs.error;
  for (const spec of specs.value)
    linkRecords(ctx, ends, spec.associationTypeId, sourceOf(request.actor, ctx.credentials));
  return json(201, labelsBetween(ctx, ends));
}

/** LabelsBetweenObjectPair: ids as strings, the labels of every type now between the two records. */
export function labelsBetween(ctx: SimContext, ends: Ends): Record<string, unknown> {
  const labels = ctx.associations
    .list(ends.fromType, ends.fromId, ends.toType)
    .filter((edge) => edge.toId === ends.toId)
    .flatMap((edge) => labelledType(ctx, edge).label ?? []);
  return {
    fromObjectTypeId: OBJECT_TYPE_IDS[ends.fromType],
    fromObjectId: ends.fromId,
    toObjectTypeId: OBJECT_TYPE_IDS[ends.toType],
    toObjectId: ends.toId,
    labels,
  };
}

function listAssociations(ctx: SimContext, request: SimRequest): SimResponse {
  const fromType = standardTypeOf(request.params['fromType'] ?? '');
  const toType = standardTypeOf(request.params['toType'] ?? '');
  if (fromType === undefined || toType === undefined) return validationError('Unable to infer object type');
  const from = ctx.store.resolve(fromType, request.params['fromId'] ?? '');
  if (from === undefined) return notFound();
  return json(200, { results: associatedObjects(ctx, fromType, from.id, toType) });
}

/** MultiAssociatedObjectWithLabel per associated record: `toObjectId` a string, one entry per type. */
export function associatedObjects(
  ctx: SimContext,
  fromType: StandardObjectType,
  fromId: string,
  toType: StandardObjectType,
): { toObjectId: string; associationTypes: LabelledType[] }[] {
  const byTarget = new Map<string, AssociationEdge[]>();
  for (const edge of ctx.associations.list(fromType, fromId, toType))
    byTarget.set(edge.toId, [...(byTarget.get(edge.toId) ?? []), edge]);
  return [...byTarget.entries()].map(([toObjectId, edges]) => ({
    toObjectId,
    associationTypes: edges.map((edge) => labelledType(ctx, edge)),
  }));
}

function removeAssociation(ctx: SimContext, request: SimRequest): SimResponse {
  const ends = endsOf(ctx, request);
  if ('status' in ends) return ends;
  const removed = ctx.associations.remove(ends.fromType, ends.fromId, ends.toType, ends.toId);
  const source = sourceOf(request.actor, ctx.credentials);
  for (const edge of removed) emitAssociationChange(ctx, ends, edge.typeId, true, source);
  return json(204);
}

export function associationRoutes(ctx: SimContext): Route[] {
  const base = '/crm/v4/objects/:fromType/:fromId/associations';
  return [
    { method: 'PUT', pattern: `${base}/default/:toType/:toId`, kind: 'crm', handler: (r) => createDefault(ctx, r) },
    { method: 'PUT', pattern: `${base}/:toType/:toId`, kind: 'crm', handler: (r) => createLabelled(ctx, r) },
    { method: 'DELETE', pattern: `${base}/:toType/:toId`, kind: 'crm', handler: (r) => removeAssociation(ctx, r) },
    { method: 'GET', pattern: `${base}/:toType`, kind: 'crm', handler: (r) => listAssociations(ctx, r) },
  ];
}
