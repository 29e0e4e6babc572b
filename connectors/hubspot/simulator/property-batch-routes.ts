import { z } from 'zod';
import { batchResponse } from './batch-plan';
import { standardError, validationError } from './hubspot-errors';
import { propertyJson, type SimObjectType } from './property-model';
import { addProperty, propertyCreateSchema, removeProperty } from './properties-routes';
import { isoNow, objectTypeOf, parseBody } from './route-helpers';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

/**
 * The properties batch endpoints (https://developers.hubspot.com/docs/api-reference/crm-properties-v3,
 * "Batch read / create / archive properties"): read and create answer a BatchResponseProperty, 207
 * with one StandardError per input that failed; archive answers 204.
 */
const names = z.object({ inputs: z.array(z.object({ name: z.string() })) });
const readSchema = names.extend({
  archived: z.boolean().default(false),
  dataSensitivity: z.enum(['non_sensitive', 'sensitive', 'highly_sensitive']).optional(),
});
const createSchema = z.object({ inputs: z.array(propertyCreateSchema) });

function batchRead(ctx: SimContext, type: SimObjectType, body: z.infer<typeof readSchema>): SimResponse {
  const startedAt = isoNow(ctx);
  const found = body.inputs.map(({ name }) => ({ name, definition: ctx.registry.get(type, name) }));
  const results = found.flatMap(({ definition }) =>
    definition !== undefined && definition.archived === body.archived ? [propertyJson(definition)] : [],
  );
  const missing = found.filter(({ definition }) => definition?.archived !== body.archived).map((f) => f.name);
  const errors =
    missing.length === 0
      ? []
      : [standardError('OBJECT_NOT_FOUND', `Could not find properties: ${missing.join(', ')}`, { name: missing })];
  return batchResponse(200, results, errors, ctx, startedAt);
}

function batchCreate(ctx: SimContext, type: SimObjectType, body: z.infer<typeof createSchema>): SimResponse {
  const startedAt = isoNow(ctx);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of body.inputs) {
    const added = addProperty(ctx, type, input);
    if (added.ok) results.push(propertyJson(added.value));
    else {
      const refusal = added.error.body as { category: string; message: string };
      errors.push(standardError(refusal.category, refusal.message, { name: [input.name] }));
    }
  }
  return batchResponse(201, results, errors, ctx, startedAt);
}

/** Archives every named property; names with no property are skipped, as the objects' batch archive does. */
function batchArchive(ctx: SimContext, type: SimObjectType, body: z.infer<typeof names>): SimResponse {
  const existing = body.inputs.flatMap(({ name }) => ctx.registry.get(type, name) ?? []);
  const owned = existing.find((definition) => definition.hubspotDefined);
  if (owned !== undefined)
    return validationError(`${owned.name} is a HubSpot defined property and cannot be archived; nothing was archived`);
  for (const definition of existing) removeProperty(ctx, type, definition.name);
  return json(204);
}

/** A POST on one object type's batch path whose body `schema` reads; `run` sees the type's id and the body. */
function route<T>(
  ctx: SimContext,
  path: string,
  schema: z.ZodType<T>,
  run: (ctx: SimContext, type: SimObjectType, body: T) => SimResponse,
): Route {
  return {
    method: 'POST',
    pattern: `/crm/v3/properties/:objectType/batch/${path}`,
    kind: 'crm',
    handler: (request: SimRequest) => {
      const type = objectTypeOf(ctx, request.params);
      if (!type.ok) return type.error;
      const body = parseBody(schema, request.body);
      return body.ok ? run(ctx, type.value, body.value) : body.error;
    },
  };
}

export function propertyBatchRoutes(ctx: SimContext): Route[] {
  return [
    route(ctx, 'read', readSchema, batchRead),
    route(ctx, 'create', createSchema, batchCreate),
    route(ctx, 'archive', names, batchArchive),
  ];
}
