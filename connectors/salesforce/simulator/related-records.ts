import { findChildRelationship } from './describe-relations';
import { pageSize } from './query-routes';
import { fieldsParam, recordView, selectFields } from './record-view';
import { notFound, type Reply, reply } from './reply';
import type { RouteContext } from './router';
import { objectOf, seenBy } from './route-objects';
import type { ObjectSchema } from './schema/registry';
import { normalizeId } from './schema/ids';
import type { Row } from './store';

/**
 * sObject Relationships: GET /sobjects/{type}/{id}/{relationshipName} ("friendly URLs", API 36.0+).
 * A lookup relationship (Owner, Account, Who) answers the one related record, as GET
 * /sobjects/{relatedType}/{relatedId} would; an empty lookup is 404. A child relationship
 * (Contacts, Tasks) answers a query-style page {totalSize, done, records}, 200 with no records when
 * there are none. An unknown relationship name is 404 NOT_FOUND; `fields` picks the related
 * object's fields, an unknown one is 400 INVALID_FIELD.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_relationships_get.htm
 */

/**
 * The URL shape is shared with Rows by External ID (/sobjects/{type}/{field}/{value}): the middle
 * segment names a record of {type} here, a field there.
 */
export function namesRecordOf(context: RouteContext, schema: ObjectSchema, segment: string): boolean {
  const id = normalizeId(segment);
  return id !== undefined && context.actor.registry.objectOfId(id) === schema.name;
}

/** A record the caller may read, live (not in the recycle bin), or undefined. */
function readable(context: RouteContext, object: string, id: string): Row | undefined {
  if (context.actor.access?.object(object).read === false) return undefined;
  const row = context.actor.store.get(object, id);
  return row === undefined || row['IsDeleted'] === true ? undefined : row;
}

function lookup(context: RouteContext, schema: ObjectSchema, row: Row, name: string): Reply | undefined {
  const field = seenBy(context, schema).fields.find(
    (f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === name.toLowerCase(),
  );
  if (field === undefined) return undefined;
  const relatedId = row[field.name];
  const relatedObject = typeof relatedId === 'string' ? context.actor.registry.objectOfId(relatedId) : undefined;
  const relatedSchema = relatedObject === undefined ? undefined : context.actor.registry.object(relatedObject);
  const related = relatedSchema === undefined ? undefined : readable(context, relatedSchema.name, String(relatedId));
  if (relatedSchema === undefined || related === undefined) throw notFound();
  const seen = seenBy(context, relatedSchema);
  const fields = selectFields(seen, fieldsParam(context.req.query.get('fields')));
  return reply(200, recordView(context.req.version, relatedSchema, related, fields));
}

function children(context: RouteContext, schema: ObjectSchema, row: Row, name: string): Reply | undefined {
  const relation = findChildRelationship(context.actor, schema, name);
  const childSchema = relation === undefined ? undefined : context.actor.registry.object(relation.object);
  if (relation === undefined || childSchema === undefined) return undefined;
  if (context.actor.access?.object(childSchema.name).read === false) throw notFound();
  const fields = selectFields(seenBy(context, childSchema), fieldsParam(context.req.query.get('fields')));
  const records = context.actor.store
    .visibleRows(childSchema.name)
    .filter((child) => child['IsDeleted'] !== true && child[relation.field] === row['Id'])
    .map((child) => recordView(context.req.version, childSchema, child, fields));
  const base = `/services/data/v${context.req.version}/query`;
  return reply(200, context.services.cursors.first(records, records.length, pageSize(context), base));
}

export function retrieveRelated(context: RouteContext): Reply {
  const schema = objectOf(context);
  const id = normalizeId(context.params['field'] ?? '') ?? '';
  const row = readable(context, schema.name, id);
  if (row === undefined) throw notFound();
  const name = context.params['value'] ?? '';
  const answer = lookup(context, schema, row, name) ?? children(context, schema, row, name);
  if (answer === undefined) throw notFound();
  return answer;
}
