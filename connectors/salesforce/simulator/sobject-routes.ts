import { describeGlobal, describeObject, objectInfo } from './describe';
import { childRelationships, recordTypeInfos } from './describe-relations';
import { deleteRecord, insertRecord, matchExternalId, updateRecord, upsertRecord, type SaveOutcome } from './dml';
import { normalizeId } from './schema/ids';
import { fieldsParam, recordUrl, recordView, selectFields } from './record-view';
import { badRequest, notFound, recordErrorsReply, reply, SfApiError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import type { FieldDef } from './schema/field';
import type { ObjectSchema } from './schema/registry';
import type { Row, Value } from './store';
import { parseRecordBody } from './validation';
import { REPLICATION_ROUTES } from './replication-routes';
import { objectOf, seenBy } from './route-objects';
import { namesRecordOf, retrieveRelated } from './related-records';
import { coerce } from './schema/values';

/**
 * Single-record resources: sObject Basic Information, Describe, Rows, Rows by External ID, and
 * sObject Relationships (related-records.ts).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_retrieve.htm
 */

function liveRow(context: RouteContext, schema: ObjectSchema, rawId: string): Row {
  const id = normalizeId(rawId);
  // An unparseable id segment is read as an external id field name, hence this message.
  if (id === undefined)
    throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${rawId}`);
  const row = context.actor.store.get(schema.name, id);
  if (row === undefined) throw notFound();
  if (row['IsDeleted'] === true) throw new SfApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return row;
}

function visibleObjects(context: RouteContext): ObjectSchema[] {
  return context.actor.registry.all().flatMap((schema) => {
    const seen = context.actor.access === undefined ? schema : context.actor.access.view(schema);
    return seen === undefined ? [] : [seen];
  });
}

function saved(outcome: SaveOutcome, success: (id: string, created: boolean) => Reply): Reply {
  return outcome.ok ? success(outcome.id, outcome.created) : recordErrorsReply(outcome.errors);
}

function create(context: RouteContext): Reply {
  const schema = objectOf(context);
  if (!schema.def.createable)
    throw badRequest('INVALID_TYPE_FOR_OPERATION', `entity type ${schema.name} does not support insert`);
  const changes = parseRecordBody(schema, context.req.body);
  return saved(insertRecord(context.actor, schema.name, changes), (id) =>
    reply(201, { id, success: true, errors: [] }, { Location: recordUrl(context.req.version, schema.name, id) }),
  );
}

function retrieve(context: RouteContext): Reply {
  const schema = objectOf(context);
  const row = liveRow(context, schema, context.params['id'] ?? '');
  return reply(
    200,
    recordView(
      context.req.version,
      schema,
      row,
      selectFields(seenBy(context, schema), fieldsParam(context.req.query.get('fields'))),
    ),
  );
}

function update(context: RouteContext): Reply {
  const schema = objectOf(context);
  const row = liveRow(context, schema, context.params['id'] ?? '');
  const changes = parseRecordBody(schema, context.req.body);
  if (changes.has('Id') && changes.get('Id') !== row['Id'])
    throw badRequest('INVALID_FIELD', 'Id in the body does not match the id in the URL');
  changes.delete('Id');
  return saved(updateRecord(context.actor, schema.name, String(row['Id']), changes), () => reply(204));
}

function destroy(context: RouteContext): Reply {
  const schema = objectOf(context);
  const row = liveRow(context, schema, context.params['id'] ?? '');
  return saved(deleteRecord(context.actor, schema.name, String(row['Id'])), () => reply(204));
}

/** The external-id field and typed value of a /sobjects/{type}/{field}/{value} URL. */
function externalKey(context: RouteContext, schema: ObjectSchema): { field: FieldDef; value: Value } {
  const name = context.params['field'] ?? '';
  const field = seenBy(context, schema).field(name);
  if (field === undefined)
    throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  if (!field.externalId && field.type !== 'id')
    throw badRequest('INVALID_FIELD', `Field ${field.name} is not an External ID or indexed field for ${schema.name}`);
  const raw = context.params['value'] ?? '';
  const coerced = coerce(field, raw);
  if (!coerced.ok) throw badRequest('INVALID_FIELD', `Invalid value for external ID field ${field.name}: ${raw}`);
  return { field, value: field.type === 'id' ? (normalizeId(raw) ?? raw) : coerced.value };
}

// Several matches answer 300 with the matching records' URLs.
function multipleChoices(context: RouteContext, schema: ObjectSchema, ids: readonly string[]): Reply {
  return reply(
    300,
    ids.map((id) => recordUrl(context.req.version, schema.name, id)),
  );
}

function upsertByExternalId(context: RouteContext): Reply {
  const schema = objectOf(context);
  const { field, value } = externalKey(context, schema);
  const changes = parseRecordBody(schema, context.req.body);
  if (field.type === 'id') {
    const row = liveRow(context, schema, String(value));
    return saved(updateRecord(context.actor, schema.name, String(row['Id']), changes), (id) =>
      reply(200, { id, success: true, errors: [], created: false }),
    );
  }
  const matches = matchExternalId(context.actor, schema.name, field, value);
  if (matches.length > 1) return multipleChoices(context, schema, matches);
  if (matches.length === 0 && context.req.query.get('updateOnly') === 'true') throw notFound();
  const outcome = upsertRecord(context.actor, schema.name, field, value, changes);
  return saved(outcome, (id, created) => reply(created ? 201 : 200, { id, success: true, errors: [], created }));
}

function byExternalId(context: RouteContext, act: (id: string) => Reply): Reply {
  const schema = objectOf(context);
  const { field, value } = externalKey(context, schema);
  const matches =
    field.type === 'id'
      ? [String(liveRow(context, schema, String(value))['Id'])]
      : matchExternalId(context.actor, schema.name, field, value);
  if (matches.length > 1) return multipleChoices(context, schema, matches);
  const [match] = matches;
  if (match === undefined) throw notFound();
  return act(match);
}

function retrieveByExternalId(context: RouteContext): Reply {
  const schema = objectOf(context);
  return byExternalId(context, (id) => {
    const row = liveRow(context, schema, id);
    return reply(
      200,
      recordView(
        context.req.version,
        schema,
        row,
        selectFields(seenBy(context, schema), fieldsParam(context.req.query.get('fields'))),
      ),
    );
  });
}

function deleteByExternalId(context: RouteContext): Reply {
  const schema = objectOf(context);
  return byExternalId(context, (id) => saved(deleteRecord(context.actor, schema.name, id), () => reply(204)));
}

export const SOBJECT_ROUTES: readonly Route[] = [
  ...REPLICATION_ROUTES,
  { method: 'GET', pattern: '/sobjects', handler: (c) => reply(200, describeGlobal(visibleObjects(c), c.req.version)) },
  {
    method: 'GET',
    pattern: '/sobjects/:type',
    handler: (c) => reply(200, objectInfo(seenBy(c, objectOf(c)), c.req.version)),
  },
  { method: 'POST', pattern: '/sobjects/:type', handler: create },
  {
    method: 'GET',
    pattern: '/sobjects/:type/describe',
    handler: (c) => {
      const schema = seenBy(c, objectOf(c));
      return reply(200, {
        ...describeObject(schema, c.req.version),
        childRelationships: childRelationships(c.actor, schema),
        recordTypeInfos: recordTypeInfos(c.actor, schema, c.req.version),
      });
    },
  },
  { method: 'GET', pattern: '/sobjects/:type/:id', handler: retrieve },
  { method: 'PATCH', pattern: '/sobjects/:type/:id', handler: update },
  { method: 'DELETE', pattern: '/sobjects/:type/:id', handler: destroy },
  {
    method: 'GET',
    pattern: '/sobjects/:type/:field/:value',
    handler: (c) =>
      namesRecordOf(c, objectOf(c), c.params['field'] ?? '') ? retrieveRelated(c) : retrieveByExternalId(c),
  },
  { method: 'PATCH', pattern: '/sobjects/:type/:field/:value', handler: upsertByExternalId },
  { method: 'DELETE', pattern: '/sobjects/:type/:field/:value', handler: deleteByExternalId },
];
