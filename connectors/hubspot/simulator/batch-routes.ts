import { z } from 'zod';
import { ok, type Result } from '../../../src/shared/result';
import { createAssociationsSchema } from './associations-routes';
import {
  batchResponse,
  duplicateIds,
  executeBatch,
  notFoundMessage,
  tooManyInputs,
  type BatchItem,
} from './batch-plan';
import type { WriteFailure } from './crm-writes';
import { standardError } from './hubspot-errors';
import type { StoredObject } from './object-store';
import { objectJson } from './object-view';
import { associateOnCreate, unsupportedAssociations } from './objects-routes';
import type { SimObjectType } from './property-model';
import { findBy, isoNow, knownProperty, objectTypeOf, parseBody, propertiesSchema } from './route-helpers';
import { sourceOf, type SimContext } from './sim-context';
import { boolParam, json, type Route, type SimRequest, type SimResponse } from './sim-http';

const traceId = z.string().optional();
const createInputs = z.object({
  inputs: z.array(
    z.object({
      properties: propertiesSchema,
      associations: createAssociationsSchema.optional(),
      objectWriteTraceId: traceId,
    }),
  ),
});
const updateInputs = z.object({
  inputs: z.array(
    z.object({
      id: z.string(),
      idProperty: z.string().optional(),
      properties: propertiesSchema,
      objectWriteTraceId: traceId,
    }),
  ),
});
const upsertInputs = z.object({
  inputs: z.array(
    z.object({ id: z.string(), idProperty: z.string(), properties: propertiesSchema, objectWriteTraceId: traceId }),
  ),
});
const readInputs = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const archiveInputs = z.object({ inputs: z.array(z.object({ id: z.string() })) });

interface Call {
  readonly ctx: SimContext;
  readonly type: SimObjectType;
  readonly request: SimRequest;
}

/** Runs a batch endpoint: type, body, the 100-input limit; then the endpoint itself. */
function batch<T extends { inputs: readonly unknown[] }>(
  ctx: SimContext,
  schema: z.ZodType<T>,
  run: (call: Call, body: T) => SimResponse,
) {
  return (request: SimRequest): SimResponse => {
    const type = objectTypeOf(ctx, request.params);
    if (!type.ok) return type.error;
    const body = parseBody(schema, request.body);
    if (!body.ok) return body.error;
    return tooManyInputs(body.value.inputs.length) ?? run({ ctx, type: type.value, request }, body.value);
  };
}

/** The result entry of a write: the object with the properties the input named. */
function written(
  call: Call,
  properties: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> = {},
) {
  return (outcome: Result<StoredObject, WriteFailure>): Result<Record<string, unknown>, WriteFailure> =>
    outcome.ok
      ? ok({
          ...objectJson(outcome.value, {
            properties: Object.keys(properties),
            propertiesWithHistory: [],
            known: knownProperty(call.ctx, call.type),
          }),
          ...extra,
        })
      : outcome;
}

/** What a write would fail on (a create, when there is no record yet), checked before any input of the batch is written. */
function precheck(
  call: Call,
  properties: Readonly<Record<string, unknown>>,
  selfId: string | null,
): WriteFailure | undefined {
  const options = { source: sourceOf(call.request.actor, call.ctx.credentials) };
  const checked =
    selfId === null
      ? call.ctx.writes.checkCreate(call.type, properties, options)
      : call.ctx.writes.check(call.type, properties, options);
  return checked.ok ? call.ctx.writes.findConflict(call.type, checked.value, selfId) : checked.error;
}

/** Two inputs of one batch claiming the same unique value (an email) collide like an existing record. */
function claimWithinBatch(
  call: Call,
  properties: Readonly<Record<string, unknown>>,
  claimed: Set<string>,
): WriteFailure | undefined {
  for (const property of call.ctx.writes.uniqueProperties(call.type)) {
    const value = properties[property];
    if (typeof value !== 'string' || value === '') continue;
    const key = `${property}\u0000${value.toLowerCase()}`;
    if (claimed.has(key)) return { kind: 'conflict', existingId: 'an earlier input of this batch', property, value };
    claimed.add(key);
  }
  return undefined;
}

function batchCreate(call: Call, body: z.infer<typeof createInputs>): SimResponse {
  const refused = unsupportedAssociations(
    call.type,
    body.inputs.flatMap((input) => input.associations ?? []),
  );
  if (refused !== undefined) return refused;
  const source = sourceOf(call.request.actor, call.ctx.credentials);
  const claimed = new Set<string>();
  const items = body.inputs.map((input): BatchItem => ({
    traceId: input.objectWriteTraceId,
    failure: precheck(call, input.properties, null) ?? claimWithinBatch(call, input.properties, claimed),
    run: () => {
      const created = call.ctx.writes.create(call.type, input.properties, { source });
      if (created.ok) associateOnCreate(call.ctx, call.type, created.value, input.associations, source);
      return written(call, input.properties)(created);
    },
  }));
  return executeBatch(items, 201, call.type, call.ctx);
}

function batchUpdate(call: Call, body: z.infer<typeof updateInputs>): SimResponse {
  const duplicate = duplicateIds(body.inputs.map((input) => input.id));
  if (duplicate !== undefined) return duplicate;
  const source = sourceOf(call.request.actor, call.ctx.credentials);
  const items = body.inputs.map((input): BatchItem => {
    const found = findBy(call.ctx, call.type, input.id, input.idProperty ?? null);
    const target = found.ok ? found.value : undefined;
    return {
      traceId: input.objectWriteTraceId,
      failure: target === undefined ? { kind: 'notFound', id: input.id } : precheck(call, input.properties, target.id),
      run: () =>
        written(
          call,
          input.properties,
        )(call.ctx.writes.update(call.type, target?.id ?? input.id, input.properties, { source })),
    };
  });
  return executeBatch(items, 200, call.type, call.ctx);
}

function batchUpsert(call: Call, body: z.infer<typeof upsertInputs>): SimResponse {
  const source = sourceOf(call.request.actor, call.ctx.credentials);
  const items: BatchItem[] = [];
  for (const input of body.inputs) {
    const found = findBy(call.ctx, call.type, input.id, input.idProperty);
    if (!found.ok) return found.error;
    const target = found.value;
    const properties = target === undefined ? { ...input.properties, [input.idProperty]: input.id } : input.properties;
    items.push({
      traceId: input.objectWriteTraceId,
      failure: precheck(call, properties, target?.id ?? null),
      run: () => {
        const outcome =
          target === undefined
            ? call.ctx.writes.create(call.type, properties, { source })
            : call.ctx.writes.update(call.type, target.id, properties, { source });
        return written(call, { ...properties, [input.idProperty]: input.id }, { new: target === undefined })(outcome);
      },
    });
  }
  return executeBatch(items, 200, call.type, call.ctx);
}

function batchRead(call: Call, body: z.infer<typeof readInputs>): SimResponse {
  const startedAt = isoNow(call.ctx);
  const archived = boolParam(call.request.query, 'archived');
  const shape = {
    properties: body.properties,
    propertiesWithHistory: body.propertiesWithHistory,
    known: knownProperty(call.ctx, call.type),
  };
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of body.inputs) {
    const found = findBy(call.ctx, call.type, input.id, body.idProperty ?? null, archived);
    if (!found.ok) return found.error;
    if (found.value === undefined) missing.push(input.id);
    else results.push(objectJson(found.value, shape));
  }
  const errors =
    missing.length === 0
      ? []
      : [standardError('OBJECT_NOT_FOUND', notFoundMessage(call.ctx, call.type), { ids: missing })];
  return batchResponse(200, results, errors, call.ctx, startedAt);
}

function batchArchive(call: Call, body: z.infer<typeof archiveInputs>): SimResponse {
  const source = sourceOf(call.request.actor, call.ctx.credentials);
  for (const input of body.inputs) call.ctx.writes.archive(call.type, input.id, { source });
  return json(204);
}

export function batchRoutes(ctx: SimContext): Route[] {
  const base = '/crm/v3/objects/:objectType/batch';
  return [
    { method: 'POST', pattern: `${base}/create`, kind: 'crm', handler: batch(ctx, createInputs, batchCreate) },
    { method: 'POST', pattern: `${base}/update`, kind: 'crm', handler: batch(ctx, updateInputs, batchUpdate) },
    { method: 'POST', pattern: `${base}/upsert`, kind: 'crm', handler: batch(ctx, upsertInputs, batchUpsert) },
    { method: 'POST', pattern: `${base}/read`, kind: 'crm', handler: batch(ctx, readInputs, batchRead) },
    { method: 'POST', pattern: `${base}/archive`, kind: 'crm', handler: batch(ctx, archiveInputs, batchArchive) },
  ];
}
