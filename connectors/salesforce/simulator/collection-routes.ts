import { z } from 'zod';
import { deleteRecord, insertRecord, matchExternalId, updateRecord, upsertRecord, type SaveOutcome } from './dml';
import { normalizeId } from './schema/ids';
import type { Actor } from './org';
import { fieldsParam, recordView, selectFields } from './record-view';
import { badRequest, recordError, reply, SfApiError, type RecordError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import type { FieldDef } from './schema/field';
import type { ObjectSchema } from './schema/registry';
import { objectOf, seenBy } from './route-objects';
import type { Value } from './store';
import { parseRecordBody, type Changes } from './validation';

/**
 * sObject Collections: create, update, upsert, delete and retrieve up to 200 records (2,000 ids to
 * retrieve) in one API call, results in input order, with allOrNone rollback.
 * https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html
 */

const MAX_RECORDS = 200;
const MAX_RETRIEVE = 2000;
const ROLLED_BACK = recordError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);

const writeBody = z.object({ allOrNone: z.boolean().optional(), records: z.array(z.record(z.string(), z.unknown())) });
const retrieveBody = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

type Work = { readonly run: () => SaveOutcome } | { readonly failed: RecordError; readonly id?: string };

function limitReached(count: number, max: number): void {
  if (count > max)
    throw badRequest(
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${max} records into this call`,
    );
}

function parseWrite(body: unknown): z.infer<typeof writeBody> {
  const parsed = writeBody.safeParse(body);
  if (!parsed.success)
    throw badRequest('JSON_PARSER_ERROR', 'The request body must be {"allOrNone": boolean, "records": [...]}');
  limitReached(parsed.data.records.length, MAX_RECORDS);
  return parsed.data;
}

function typeOf(context: RouteContext, record: Record<string, unknown>): ObjectSchema {
  const attributes = z.object({ type: z.string() }).safeParse(record['attributes']);
  const schema = attributes.success ? context.actor.registry.object(attributes.data.type) : undefined;
  if (!attributes.success) throw badRequest('INVALID_TYPE', 'No SObject Type defined in record');
  if (schema === undefined || context.actor.access?.object(schema.name).read === false)
    throw badRequest('INVALID_TYPE', `sObject type '${attributes.data.type}' is not supported.`);
  return schema;
}

/**
 * One result. An upsert's says `created` whether or not it succeeded: true when no record had the
 * external id, so the save was (or would have been) an insert, as a rolled-back allOrNone upsert
 * of new records reports (Upsert Multiple Records; jsforce's own integration tests on a real org).
 */
function serialize(
  outcome: SaveOutcome,
  id: string | undefined,
  created: boolean | undefined,
): Record<string, unknown> {
  if (outcome.ok)
    return created === undefined
      ? { id: outcome.id, success: true, errors: [] }
      : { id: outcome.id, success: true, errors: [], created: outcome.created };
  const failed =
    id === undefined ? { success: false, errors: outcome.errors } : { id, success: false, errors: outcome.errors };
  return created === undefined ? failed : { ...failed, created };
}

/** Runs the saves in one transaction; with allOrNone, one failure rolls all of them back. */
function execute(actor: Actor, allOrNone: boolean, work: readonly Work[]): SaveOutcome[] {
  const outcomes = actor.store.transaction(
    () => work.map((item): SaveOutcome => ('failed' in item ? { ok: false, errors: [item.failed] } : item.run())),
    (results) => !allOrNone || results.every((r) => r.ok),
  );
  if (!allOrNone || outcomes.every((r) => r.ok)) return outcomes;
  return outcomes.map((r) => (r.ok ? { ok: false, errors: [ROLLED_BACK] } : r));
}

function respond(
  outcomes: readonly SaveOutcome[],
  ids: readonly (string | undefined)[],
  created?: readonly boolean[],
): Reply {
  return reply(
    200,
    outcomes.map((outcome, i) => serialize(outcome, ids[i], created === undefined ? undefined : (created[i] ?? false))),
  );
}

function createMany(context: RouteContext): Reply {
  const body = parseWrite(context.req.body);
  const work = body.records.map((record): Work => {
    const schema = typeOf(context, record);
    const changes = parseRecordBody(schema, record);
    if (changes.has('Id'))
      return { failed: recordError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']) };
    return { run: () => insertRecord(context.actor, schema.name, changes) };
  });
  return respond(execute(context.actor, body.allOrNone === true, work), []);
}

function updateMany(context: RouteContext): Reply {
  const body = parseWrite(context.req.body);
  const ids: (string | undefined)[] = [];
  const work = body.records.map((record): Work => {
    const schema = typeOf(context, record);
    const changes = new Map(parseRecordBody(schema, record));
    const raw = changes.get('Id');
    changes.delete('Id');
    const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
    ids.push(id ?? (typeof raw === 'string' ? raw : undefined));
    if (raw === undefined || raw === null)
      return { failed: recordError('MISSING_ARGUMENT', 'Id not specified in an update call') };
    if (id === undefined || context.actor.registry.objectOfId(id) !== schema.name)
      return { failed: recordError('MALFORMED_ID', `malformed id ${String(raw)}`, ['Id']) };
    return { run: () => updateRecord(context.actor, schema.name, id, changes) };
  });
  return respond(execute(context.actor, body.allOrNone === true, work), ids);
}

function externalIdField(context: RouteContext, schema: ObjectSchema, name: string): FieldDef {
  const field = seenBy(context, schema).field(name);
  if (field === undefined || !field.externalId)
    throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  return field;
}

function upsertMany(context: RouteContext): Reply {
  const schema = objectOf(context);
  const field = externalIdField(context, schema, context.params['field'] ?? '');
  const body = parseWrite(context.req.body);
  const parsed = body.records.map((record) => {
    if (typeOf(context, record).name !== schema.name)
      throw badRequest('INVALID_TYPE', `All records must be of type ${schema.name}`);
    return parseRecordBody(schema, record);
  });
  const keyOf = (changes: Changes) => String(changes.get(field.name) ?? '').toLowerCase();
  const seen = new Map<string, number>();
  for (const changes of parsed) seen.set(keyOf(changes), (seen.get(keyOf(changes)) ?? 0) + 1);
  const work = parsed.map((changes): Work => {
    const value: Value = changes.get(field.name) ?? null;
    if (value === null || value === '')
      return { failed: recordError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]) };
    if ((seen.get(keyOf(changes)) ?? 0) > 1)
      return {
        failed: recordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${String(value)}`, [field.name]),
      };
    return { run: () => upsertRecord(context.actor, schema.name, field, value, changes) };
  });
  const inserts = parsed.map((changes, i) => {
    const value: Value = changes.get(field.name) ?? null;
    const attempted = !('failed' in (work[i] ?? { failed: true }));
    return attempted && matchExternalId(context.actor, schema.name, field, value).length === 0;
  });
  return respond(execute(context.actor, body.allOrNone === true, work), [], inserts);
}

function deleteMany(context: RouteContext): Reply {
  const raw = (context.req.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  if (raw.length === 0) throw badRequest('MISSING_ARGUMENT', 'ids: the ids parameter is required');
  limitReached(raw.length, MAX_RECORDS);
  const work = raw.map((value): Work => {
    const id = normalizeId(value);
    const object = id === undefined ? undefined : context.actor.registry.objectOfId(id);
    if (id === undefined || object === undefined)
      return { failed: recordError('MALFORMED_ID', `malformed id ${value}`), id: value };
    return { run: () => deleteRecord(context.actor, object, id) };
  });
  return respond(
    execute(context.actor, context.req.query.get('allOrNone') === 'true', work),
    raw.map((value) => normalizeId(value) ?? value),
  );
}

function retrieveMany(context: RouteContext, ids: readonly string[], fieldNames: readonly string[] | undefined): Reply {
  const schema = objectOf(context);
  if (fieldNames === undefined) throw badRequest('MISSING_ARGUMENT', 'fields: the fields parameter is required');
  limitReached(ids.length, MAX_RETRIEVE);
  const fields = selectFields(seenBy(context, schema), fieldNames);
  return reply(
    200,
    ids.map((raw) => {
      const id = normalizeId(raw);
      const row = id === undefined ? undefined : context.actor.store.get(schema.name, id);
      return row === undefined || row['IsDeleted'] === true
        ? null
        : recordView(context.req.version, schema, row, fields);
    }),
  );
}

function retrieveByPost(context: RouteContext): Reply {
  const parsed = retrieveBody.safeParse(context.req.body);
  if (!parsed.success)
    throw badRequest('JSON_PARSER_ERROR', 'The request body must be {"ids": [...], "fields": [...]}');
  return retrieveMany(context, parsed.data.ids, parsed.data.fields);
}

function retrieveByGet(context: RouteContext): Reply {
  const ids = (context.req.query.get('ids') ?? '').split(',').filter((id) => id !== '');
  return retrieveMany(context, ids, fieldsParam(context.req.query.get('fields')));
}

export const COLLECTION_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/composite/sobjects', handler: createMany },
  { method: 'PATCH', pattern: '/composite/sobjects', handler: updateMany },
  { method: 'DELETE', pattern: '/composite/sobjects', handler: deleteMany },
  { method: 'GET', pattern: '/composite/sobjects/:type', handler: retrieveByGet },
  { method: 'POST', pattern: '/composite/sobjects/:type', handler: retrieveByPost },
  { method: 'PATCH', pattern: '/composite/sobjects/:type/:field', handler: upsertMany },
];
