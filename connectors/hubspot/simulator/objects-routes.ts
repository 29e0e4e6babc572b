import { z } from 'zod';
import { createAssociationsSchema, linkRecords } from './associations-routes';
import type { WriteSource } from './change-feed';
import { notFound, validationError } from './hubspot-errors';
import { objectJson, shapeFromQuery } from './object-view';
import type { StoredObject } from './object-store';
import { associationTypes } from './associations';
import { isStandardType, SINGULAR, standardTypeOf, type SimObjectType } from './property-model';
import { failureResponse, findBy, knownProperty, objectTypeOf, parseBody, propertiesSchema } from './route-helpers';
import { sourceOf, type SimContext } from './sim-context';
import { boolParam, json, listParam, type Route, type SimRequest, type SimResponse } from './sim-http';

const createSchema = z.object({ properties: propertiesSchema, associations: createAssociationsSchema.optional() });
const updateSchema = z.object({ properties: propertiesSchema });

/** Associations given with a create; unknown targets are refused before anything is written. */
export function associateOnCreate(
  ctx: SimContext,
  type: SimObjectType,
  object: StoredObject,
  associations: z.infer<typeof createAssociationsSchema> | undefined,
  source: WriteSource,
): void {
  if (!isStandardType(type)) return;
  for (const association of associations ?? []) {
    const target = findAssociationTarget(ctx, association.to.id);
    const toType = target?.type;
    if (target === undefined || toType === undefined || !isStandardType(toType)) continue;
    for (const spec of association.types) {
      linkRecords(ctx, { fromType: type, fromId: object.id, toType, toId: target.id }, spec.associationTypeId, source);
    }
  }
}

/** Associating a custom object's records is not simulated: refused rather than silently dropped. */
export function unsupportedAssociations(
  type: SimObjectType,
  associations: readonly unknown[] | undefined,
): SimResponse | undefined {
  return isStandardType(type) || (associations ?? []).length === 0
    ? undefined
    : validationError('The simulator does not associate custom object records');
}

function findAssociationTarget(ctx: SimContext, id: string): StoredObject | undefined {
  for (const type of ['companies', 'deals', 'contacts'] as const) {
    const found = ctx.store.resolve(type, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function create(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(createSchema, request.body);
  if (!body.ok) return body.error;
  const refused = unsupportedAssociations(type.value, body.value.associations);
  if (refused !== undefined) return refused;
  const source = sourceOf(request.actor, ctx.credentials);
  const created = ctx.writes.create(type.value, body.value.properties, { source });
  if (!created.ok) return failureResponse(created.error, type.value, ctx);
  associateOnCreate(ctx, type.value, created.value, body.value.associations, source);
  const shape = {
    properties: Object.keys(body.value.properties),
    propertiesWithHistory: [],
    known: knownProperty(ctx, type.value),
  };
  return json(201, objectJson(created.value, shape));
}

function read(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const found = findBy(
    ctx,
    type.value,
    request.params['objectId'] ?? '',
    request.query.get('idProperty'),
    boolParam(request.query, 'archived'),
  );
  if (!found.ok) return found.error;
  if (found.value === undefined) return notFound();
  const shape = shapeFromQuery(request.query, knownProperty(ctx, type.value));
  return json(200, withAssociations(ctx, found.value, request.query, objectJson(found.value, shape)));
}

/**
 * `associations=companies,deals` on a read or a list: the associated ids per type asked for, as
 * `associations: {companies: {results: [{id, type}]}}` (objects reference, "associations" query
 * parameter: "A comma separated list of object types to retrieve associated IDs for"). Types with
 * no association are left out, as HubSpot does; `type` is the v3 name, `contact_to_company`, with
 * `_unlabeled` on the pair's unlabelled type when the pair also has a primary one.
 */
function withAssociations(
  ctx: SimContext,
  object: StoredObject,
  query: URLSearchParams,
  out: Record<string, unknown>,
): Record<string, unknown> {
  const fromType = object.type;
  if (!isStandardType(fromType)) return out;
  const associations: Record<string, unknown> = {};
  for (const name of listParam(query, 'associations')) {
    const toType = standardTypeOf(name);
    if (toType === undefined) continue;
    const types = associationTypes(fromType, toType);
    const results = ctx.associations.list(fromType, object.id, toType).map((edge) => ({
      id: edge.toId,
      type: `${SINGULAR[fromType]}_to_${SINGULAR[toType]}${types?.primary !== undefined && edge.typeId === types.unlabeled ? '_unlabeled' : ''}`,
    }));
    if (results.length > 0) associations[name] = { results };
  }
  return Object.keys(associations).length === 0 ? out : { ...out, associations };
}

function update(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(updateSchema, request.body);
  if (!body.ok) return body.error;
  const found = findBy(ctx, type.value, request.params['objectId'] ?? '', request.query.get('idProperty'));
  if (!found.ok) return found.error;
  if (found.value === undefined) return notFound();
  const updated = ctx.writes.update(type.value, found.value.id, body.value.properties, {
    source: sourceOf(request.actor, ctx.credentials),
  });
  if (!updated.ok) return failureResponse(updated.error, type.value, ctx);
  const shape = {
    properties: Object.keys(body.value.properties),
    propertiesWithHistory: [],
    known: knownProperty(ctx, type.value),
  };
  return json(200, objectJson(updated.value, shape));
}

function archive(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (type.ok)
    ctx.writes.archive(type.value, request.params['objectId'] ?? '', {
      source: sourceOf(request.actor, ctx.credentials),
    });
  return json(204);
}

function list(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 10) || 10, 1), 100);
  const after = Number(request.query.get('after') ?? 0) || 0;
  const all = ctx.store
    .list(type.value, boolParam(request.query, 'archived'))
    .filter((object) => Number(object.id) > after)
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = all.slice(0, limit);
  const shape = shapeFromQuery(request.query, knownProperty(ctx, type.value));
  const last = page[page.length - 1];
  const paging =
    all.length > limit && last !== undefined
      ? { paging: { next: { after: last.id, link: `/crm/v3/objects/${type.value}?after=${last.id}` } } }
      : {};
  return json(200, {
    results: page.map((object) => withAssociations(ctx, object, request.query, objectJson(object, shape))),
    ...paging,
  });
}

export function objectRoutes(ctx: SimContext): Route[] {
  const base = '/crm/v3/objects/:objectType';
  return [
    { method: 'POST', pattern: base, kind: 'crm', handler: (r) => create(ctx, r) },
    { method: 'GET', pattern: base, kind: 'crm', handler: (r) => list(ctx, r) },
    { method: 'GET', pattern: `${base}/:objectId`, kind: 'crm', handler: (r) => read(ctx, r) },
    { method: 'PATCH', pattern: `${base}/:objectId`, kind: 'crm', handler: (r) => update(ctx, r) },
    { method: 'DELETE', pattern: `${base}/:objectId`, kind: 'crm', handler: (r) => archive(ctx, r) },
  ];
}
