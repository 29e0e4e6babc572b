import { z } from 'zod';
import { associationTypes } from './associations';
import { pairOf } from './association-labels';
import {
  associatedObjects,
  emitAssociationChange,
  labelsBetween,
  linkRecords,
  recordEnds,
  type Ends,
} from './associations-routes';
import { batchResponse } from './batch-plan';
import { standardError, validationError } from './hubspot-errors';
import { isoNow, parseBody } from './route-helpers';
import type { WriteSource } from './change-feed';
import { sourceOf, type SimContext } from './sim-context';
import { json, type Route, type SimResponse } from './sim-http';

/**
 * The associations v4 batch endpoints (https://developers.hubspot.com/docs/api-reference/crm-associations-v4,
 * "Batch"): read, create, archive, associate default and archive labels, for one object pair each.
 * Read and create answer 207 with a StandardError per input whose record is missing.
 */
const MAX_INPUTS = 1000;
const id = z.union([z.string(), z.number()]).transform(String);
const objectId = z.object({ id });
const spec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});
const inputs = <T extends z.ZodType>(input: T) => z.object({ inputs: z.array(input).max(MAX_INPUTS) });
const readSchema = inputs(z.object({ id, after: z.string().optional() }));
const createSchema = inputs(z.object({ from: objectId, to: objectId, types: z.array(spec).min(1) }));
const defaultSchema = inputs(z.object({ from: objectId, to: objectId }));
const archiveSchema = inputs(z.object({ from: objectId, to: z.array(objectId) }));

type Pair = Exclude<ReturnType<typeof pairOf>, SimResponse>;

function missing(ids: readonly string[]): unknown {
  return standardError('OBJECT_NOT_FOUND', 'Could not find some records; they may be deleted or not exist.', { ids });
}

function batchRead(ctx: SimContext, pair: Pair, body: z.infer<typeof readSchema>): SimResponse {
  const startedAt = isoNow(ctx);
  const results: unknown[] = [];
  const absent: string[] = [];
  for (const input of body.inputs) {
    const from = ctx.store.resolve(pair.fromType, input.id);
    if (from === undefined) absent.push(input.id);
    else results.push({ from: { id: input.id }, to: associatedObjects(ctx, pair.fromType, from.id, pair.toType) });
  }
  return batchResponse(200, results, absent.length === 0 ? [] : [missing(absent)], ctx, startedAt);
}

/**
 * Links each input's two records and answers `status` with one result per linked pair, or 207 with one
 * OBJECT_NOT_FOUND StandardError per pair with a missing record (batch create and associate default alike).
 */
function linkEach<T extends { from: { id: string }; to: { id: string } }>(
  ctx: SimContext,
  pair: Pair,
  inputs: readonly T[],
  status: number,
  link: (ends: Ends, input: T) => unknown,
): SimResponse {
  const startedAt = isoNow(ctx);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of inputs) {
    const ends = recordEnds(ctx, { ...pair, fromId: input.from.id, toId: input.to.id });
    if ('status' in ends) errors.push(missing([input.from.id, input.to.id]));
    else results.push(link(ends, input));
  }
  return batchResponse(status, results, errors, ctx, startedAt);
}

function batchCreate(
  ctx: SimContext,
  pair: Pair,
  body: z.infer<typeof createSchema>,
  source: WriteSource,
): SimResponse {
  return linkEach(ctx, pair, body.inputs, 201, (ends, input) => {
    for (const type of input.types) linkRecords(ctx, ends, type.associationTypeId, source);
    return labelsBetween(ctx, ends);
  });
}

function batchDefault(
  ctx: SimContext,
  pair: Pair,
  body: z.infer<typeof defaultSchema>,
  source: WriteSource,
): SimResponse {
  const typeId = associationTypes(pair.fromType, pair.toType)?.unlabeled;
  if (typeId === undefined) return validationError(`No default association from ${pair.fromType} to ${pair.toType}`);
  return linkEach(ctx, pair, body.inputs, 200, (ends) => {
    linkRecords(ctx, ends, typeId, source);
    return {
      from: { id: ends.fromId },
      to: { id: ends.toId },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
    };
  });
}

/** Removes every association between each pair of records; missing records are skipped (204 regardless). */
function batchArchive(
  ctx: SimContext,
  pair: Pair,
  body: z.infer<typeof archiveSchema>,
  source: WriteSource,
): SimResponse {
  for (const input of body.inputs)
    for (const to of input.to) {
      const ends = recordEnds(ctx, { ...pair, fromId: input.from.id, toId: to.id });
      if ('status' in ends) continue;
      for (const edge of ctx.associations.remove(ends.fromType, ends.fromId, ends.toType, ends.toId))
        emitAssociationChange(ctx, ends, edge.typeId, true, source);
    }
  return json(204);
}

/** Removes only the named types between each pair of records; the other types stay. */
function batchArchiveLabels(
  ctx: SimContext,
  pair: Pair,
  body: z.infer<typeof createSchema>,
  source: WriteSource,
): SimResponse {
  for (const input of body.inputs) {
    const ends = recordEnds(ctx, { ...pair, fromId: input.from.id, toId: input.to.id });
    if ('status' in ends) continue;
    for (const type of input.types) {
      const from = { type: ends.fromType, id: ends.fromId };
      const to = { type: ends.toType, id: ends.toId };
      if (ctx.associations.removeTyped(from, to, type.associationTypeId) > 0)
        emitAssociationChange(ctx, ends, type.associationTypeId, true, source);
    }
  }
  return json(204);
}

function route<T>(
  ctx: SimContext,
  path: string,
  schema: z.ZodType<T>,
  run: (ctx: SimContext, pair: Pair, body: T, source: WriteSource) => SimResponse,
): Route {
  return {
    method: 'POST',
    pattern: `/crm/v4/associations/:fromType/:toType/batch/${path}`,
    kind: 'crm',
    handler: (request) => {
      const pair = pairOf(request);
      if ('status' in pair) return pair;
      const body = parseBody(schema, request.body);
      return body.ok ? run(ctx, pair, body.value, sourceOf(request.actor, ctx.credentials)) : body.error;
    },
  };
}

export function associationBatchRoutes(ctx: SimContext): Route[] {
  return [
    route(ctx, 'read', readSchema, batchRead),
    route(ctx, 'create', createSchema, batchCreate),
    route(ctx, 'associate/default', defaultSchema, batchDefault),
    route(ctx, 'archive', archiveSchema, batchArchive),
    route(ctx, 'labels/archive', createSchema, batchArchiveLabels),
  ];
}
