import { z } from 'zod';
import type { WriteSource } from './change-feed';
import { associationTypes, type AssociationEdge } from './associations';
import { notFound, validationError } from './hubspot-errors';
import { isStandardType, OBJECT_TYPE_IDS, SINGULAR, type StandardObjectType } from './property-model';
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

interface Ends {
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

function emitAssociationChange(
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
  const { fromType = '', fromId = '', toType = '', toId = '' } = request.params;
  if (!isStandardType(fromType) || !isStandardType(toType))
    return validationError(`Unable to infer object type from: ${isStandardType(fromType) ? toType : fromType}`);
  const from = ctx.store.resolve(fromType, fromId);
  const to = ctx.store.resolve(toType, toId);
  if (from === undefined || to === undefined)
    return notFound(`No ${from === undefined ? fromType : toType} with id ${from === undefined ? fromId : toId}`);
  return { fromType, fromId: from.id, toType, toId: to.id };
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
  return json(201, {
    fromObjectTypeId: OBJECT_TYPE_IDS[ends.fromType],
    fromObjectId: Number(ends.fromId),
    toObjectTypeId: OBJECT_TYPE_IDS[ends.toType],
    toObjectId: Number(ends.toId),
    labels: [],
  });
}

function listAssociations(ctx: SimContext, request: SimRequest): SimResponse {
  const { fromType = '', fromId = '', toType = '' } = request.params;
  if (!isStandardType(fromType) || !isStandardType(toType)) return validationError('Unable to infer object type');
  const from = ctx.store.resolve(fromType, fromId);
  if (from === undefined) return notFound();
  const byTarget = new Map<string, AssociationEdge[]>();
  for (const edge of ctx.associations.list(fromType, from.id, toType))
    byTarget.set(edge.toId, [...(byTarget.get(edge.toId) ?? []), edge]);
  const results = [...byTarget.entries()].map(([toId, edges]) => ({
    toObjectId: Number(toId),
    associationTypes: edges.map((edge) => ({ category: edge.category, typeId: edge.typeId, label: null })),
  }));
  return json(200, { results });
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
