import { z } from 'zod';
import { associationTypes, type AssociationEdge } from './associations';
import { notFound, validationError } from './hubspot-errors';
import { standardTypeOf, type StandardObjectType } from './property-model';
import { parseBody } from './route-helpers';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

/**
 * Association labels (https://developers.hubspot.com/docs/api-reference/crm-associations-v4, "Association
 * schema": labels). An association type is `{category, typeId, label}`; `label` is an optional string
 * in the reference, so an unlabelled type leaves it out (the guide's examples print `"label": null`,
 * the published schema does not allow null). The pair's primary type is labelled "Primary".
 */
export interface LabelledType {
  readonly category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  readonly typeId: number;
  readonly label?: string;
}

export function labelledType(
  ctx: SimContext,
  edge: Pick<AssociationEdge, 'fromType' | 'toType' | 'typeId' | 'category'>,
): LabelledType {
  const custom = ctx.associations.label(edge.typeId);
  if (custom !== undefined) return { category: 'USER_DEFINED', typeId: edge.typeId, label: custom.label };
  const types = associationTypes(edge.fromType, edge.toType);
  return types?.primary === edge.typeId
    ? { category: edge.category, typeId: edge.typeId, label: 'Primary' }
    : { category: edge.category, typeId: edge.typeId };
}

/** Every type between the two object types: HubSpot's own, then the account's labels. */
function typesBetween(ctx: SimContext, fromType: StandardObjectType, toType: StandardObjectType): LabelledType[] {
  const types = associationTypes(fromType, toType);
  const own = [types?.primary, types?.unlabeled].filter((id): id is number => id !== undefined);
  return [
    ...own.map((typeId) => labelledType(ctx, { fromType, toType, typeId, category: 'HUBSPOT_DEFINED' })),
    ...ctx.associations
      .labelsOf(fromType, toType)
      .map((l): LabelledType => ({ category: 'USER_DEFINED', typeId: l.typeId, label: l.label })),
  ];
}

/** The two object types of a pair route, or the 400 HubSpot answers for a type it cannot infer. */
export function pairOf(
  request: SimRequest,
): { fromType: StandardObjectType; toType: StandardObjectType } | SimResponse {
  const fromType = standardTypeOf(request.params['fromType'] ?? '');
  const toType = standardTypeOf(request.params['toType'] ?? '');
  if (fromType === undefined || toType === undefined)
    return validationError(
      `Unable to infer object type from: ${fromType === undefined ? request.params['fromType'] : request.params['toType']}`,
    );
  return { fromType, toType };
}

const createSchema = z.object({
  label: z.string().min(1),
  name: z.string().min(1),
  inverseLabel: z.string().optional(),
});
const updateSchema = z.object({
  associationTypeId: z.number().int(),
  label: z.string().min(1),
  inverseLabel: z.string().optional(),
});

function labelsRoute(ctx: SimContext, request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if ('status' in pair) return pair;
  if (request.method === 'GET') return json(200, { results: typesBetween(ctx, pair.fromType, pair.toType) });
  if (request.method === 'POST') {
    const body = parseBody(createSchema, request.body);
    if (!body.ok) return body.error;
    if (ctx.associations.labelsOf(pair.fromType, pair.toType).some((l) => l.name === body.value.name))
      return validationError(`An association label named ${body.value.name} already exists between these objects`);
    const created = ctx.associations.addLabel(pair.fromType, pair.toType, body.value.name, body.value.label);
    // The create answers the new type (and its inverse when the pair is one type with itself).
    return json(200, { results: [{ category: 'USER_DEFINED', typeId: created.typeId, label: created.label }] });
  }
  const body = parseBody(updateSchema, request.body);
  if (!body.ok) return body.error;
  return ctx.associations.relabel(body.value.associationTypeId, body.value.label)
    ? json(204)
    : notFound(`No association label with type id ${body.value.associationTypeId}`);
}

function deleteLabel(ctx: SimContext, request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if ('status' in pair) return pair;
  const typeId = Number(request.params['associationTypeId']);
  return ctx.associations.removeLabel(typeId) ? json(204) : notFound(`No association label with type id ${typeId}`);
}

/** The SDK calls /crm/v4/associations/…/labels; the reference names /crm/associations/v4/…/labels; both answer. */
export function associationLabelRoutes(ctx: SimContext): Route[] {
  return ['/crm/v4/associations/:fromType/:toType/labels', '/crm/associations/v4/:fromType/:toType/labels'].flatMap(
    (base): Route[] => [
      ...['GET', 'POST', 'PUT'].map((method): Route => ({
        method,
        pattern: base,
        kind: 'crm',
        handler: (r) => labelsRoute(ctx, r),
      })),
      { method: 'DELETE', pattern: `${base}/:associationTypeId`, kind: 'crm', handler: (r) => deleteLabel(ctx, r) },
    ],
  );
}
