import { z } from 'zod';
import { batchResponse } from './batch-plan';
import { standardError, validationError } from './hubspot-errors';
import { propertyJson } from './property-model';
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

function batchRead(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(readSchema, request.body);
  if (!body.ok) return body.error;
  const startedAt = isoNow(ctx);
  const found = body.value.inputs.map(({ name }) => ({ name, definition: ctx.registry.get(type.value, name) }));
  const results = found.flatMap(({ definition }) =>
    definition !== undefined && definition.archived === body.value.archived ? [propertyJson(definition)] : [],
  );
  const missing = found.filter(({ definition }) => definition?.archived !== body.value.archived).map((f) => f.name);
  const errors =
    missing.length === 0
      ? []
      : [standardError('OBJECT_NOT_FOUND', `Could not find properties: ${missing.join(', ')}`, { name: missing })];
  return batchResponse(200, results, errors, ctx, startedAt);
}

function batchCreate(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(createSchema, request.body);
  if (!body.ok) return body.error;
  const startedAt = isoNow(ctx);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of body.value.inputs) {
    const added = addProperty(ctx, type.value, input);
    if (added.ok) results.push(propertyJson(added.value));
    else {
      const refusal = added.error.body as { category: string; message: string };
      errors.push(standardError(refusal.category, refusal.message, { name: [input.name] }));
    }
  }
  return batchResponse(201, results, errors, ctx, startedAt);
}

/** Archives every named property; names with no property are skipped, as the objects' batch archive does. */
function batchArchive(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(names, request.body);
  if (!body.ok) return body.error;
  const existing = body.value.inputs.flatMap(({ name }) => ctx.registry.get(type.value, name) ?? []);
  const owned = existing.find((definition) => definition.hubspotDefined);
  if (owned !== undefined)
    return validationError(`${owned.name} is a HubSpot defined property and cannot be archived; nothing was archived`);
  for (const definition of existing) removeProperty(ctx, type.value, definition.name);
  return json(204);
}

export function propertyBatchRoutes(ctx: SimContext): Route[] {
  const base = '/crm/v3/properties/:objectType/batch';
  return [
    { method: 'POST', pattern: `${base}/read`, kind: 'crm', handler: (r) => batchRead(ctx, r) },
    { method: 'POST', pattern: `${base}/create`, kind: 'crm', handler: (r) => batchCreate(ctx, r) },
    { method: 'POST', pattern: `${base}/archive`, kind: 'crm', handler: (r) => batchArchive(ctx, r) },
  ];
}
