import { z } from 'zod';
import type { AssociationDefinition, CustomSchema } from './custom-schemas';
import { notFound, validationError } from './hubspot-errors';
import { parseBody } from './route-helpers';
import { associationTarget } from './schemas-routes';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

/**
 * A custom object's association definitions (schemas reference, "Create an association" and "Remove
 * an association"): POST {fromObjectTypeId, toObjectTypeId, name?} answers the AssociationDefinition
 * (201); DELETE …/associations/{associationIdentifier} answers 204.
 */
const eggSchema = z.object({ fromObjectTypeId: z.string(), toObjectTypeId: z.string(), name: z.string().optional() });

function definitionJson(definition: AssociationDefinition): Record<string, unknown> {
  const stamp = new Date(definition.createdAt).toISOString();
  return { ...definition, createdAt: stamp, updatedAt: stamp };
}

function nextId(schema: CustomSchema): string {
  const prefix = schema.objectTypeId.slice(2);
  let n = schema.associations.length + 1;
  while (schema.associations.some((a) => a.id === `${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function create(ctx: SimContext, schema: CustomSchema, request: SimRequest): SimResponse {
  const body = parseBody(eggSchema, request.body);
  if (!body.ok) return body.error;
  const from = associationTarget(ctx, body.value.fromObjectTypeId);
  const to = associationTarget(ctx, body.value.toObjectTypeId);
  if (from !== schema.objectTypeId)
    return validationError(`fromObjectTypeId must be this object's type, ${schema.objectTypeId}`);
  if (to === undefined)
    return validationError(`toObjectTypeId ${body.value.toObjectTypeId} is not an object type of this account`);
  const definition: AssociationDefinition = {
    id: nextId(schema),
    name: body.value.name ?? `${schema.name.toLowerCase()}_to_${body.value.toObjectTypeId.toLowerCase()}`,
    fromObjectTypeId: schema.objectTypeId,
    toObjectTypeId: to,
    createdAt: ctx.clock(),
  };
  ctx.schemas.put({ ...schema, associations: [...schema.associations, definition], updatedAt: ctx.clock() });
  return json(201, definitionJson(definition));
}

function remove(ctx: SimContext, schema: CustomSchema, request: SimRequest): SimResponse {
  const ref = request.params['associationIdentifier'] ?? '';
  if (!schema.associations.some((a) => a.id === ref || a.name === ref)) return notFound(`No association ${ref}`);
  const associations = schema.associations.filter((a) => a.id !== ref && a.name !== ref);
  ctx.schemas.put({ ...schema, associations, updatedAt: ctx.clock() });
  return json(204);
}

function withSchema(ctx: SimContext, run: (ctx: SimContext, schema: CustomSchema, request: SimRequest) => SimResponse) {
  return (request: SimRequest): SimResponse => {
    const schema = ctx.schemas.resolve(request.params['objectType'] ?? '');
    return schema === undefined
      ? notFound(`No object type ${request.params['objectType'] ?? ''}`)
      : run(ctx, schema, request);
  };
}

export function schemaAssociationRoutes(ctx: SimContext): Route[] {
  return ['/crm-object-schemas/v3/schemas', '/crm/v3/schemas'].flatMap((base): Route[] => [
    { method: 'POST', pattern: `${base}/:objectType/associations`, kind: 'crm', handler: withSchema(ctx, create) },
    {
      method: 'DELETE',
      pattern: `${base}/:objectType/associations/:associationIdentifier`,
      kind: 'crm',
      handler: withSchema(ctx, remove),
    },
  ]);
}
