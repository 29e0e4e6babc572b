import { z } from 'zod';
import { findChildRelationship } from './describe-relations';
import { insertRecord } from './dml';
import { badRequest, recordError, reply, type RecordError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { objectOf } from './route-objects';
import type { ObjectSchema } from './schema/registry';
import { parseRecordBody } from './validation';

/**
 * sObject Tree: a tree of records (a root type, its children through child relationships, up to
 * five levels) created in one all-or-none call: up to 200 records and five types in all. Success is
 * 201 with each referenceId's new id; any failure rolls back everything and answers 400 with the
 * failing records' errors.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobject_tree.htm
 */

const MAX_RECORDS = 200;
const MAX_TYPES = 5;
const MAX_DEPTH = 5;

const treeRecord = z.looseObject({
  attributes: z.object({ type: z.string().min(1), referenceId: z.string().min(1) }),
});
const treeBody = z.object({ records: z.array(treeRecord).min(1) });

type TreeRecord = z.infer<typeof treeRecord>;

interface Node {
  readonly schema: ObjectSchema;
  readonly referenceId: string;
  readonly fields: Record<string, unknown>;
  readonly parentField: string | undefined;
  readonly children: readonly Node[];
}

interface Counts {
  records: number;
  readonly types: Set<string>;
  readonly referenceIds: Set<string>;
}

function childNodes(
  context: RouteContext,
  parent: ObjectSchema,
  value: unknown,
  depth: number,
  counts: Counts,
  name: string,
): Node[] {
  const relation = findChildRelationship(context.actor, parent, name);
  const nested = z.object({ records: z.array(treeRecord) }).safeParse(value);
  if (relation === undefined || !nested.success)
    throw badRequest(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${parent.name}' or it is not a child relationship`,
    );
  return nested.data.records.map((record) => toNode(context, record, depth + 1, counts, relation.field));
}

function toNode(context: RouteContext, record: TreeRecord, depth: number, counts: Counts, parentField?: string): Node {
  if (depth > MAX_DEPTH) throw badRequest('INVALID_INPUT', `A tree can be at most ${MAX_DEPTH} levels deep.`);
  const schema = context.actor.registry.object(record.attributes.type);
  if (schema === undefined || context.actor.access?.object(schema.name).read === false)
    throw badRequest('INVALID_TYPE', `sObject type '${record.attributes.type}' is not supported.`);
  const { referenceId } = record.attributes;
  if (counts.referenceIds.has(referenceId))
    throw badRequest('INVALID_INPUT', `Duplicate ReferenceId provided in the request: ${referenceId}`);
  counts.referenceIds.add(referenceId);
  counts.records += 1;
  counts.types.add(schema.name);
  const fields: Record<string, unknown> = {};
  const children: Node[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (schema.field(key) === undefined && typeof value === 'object' && value !== null)
      children.push(...childNodes(context, schema, value, depth, counts, key));
    else fields[key] = value;
  }
  return { schema, referenceId, fields, parentField, children };
}

interface Saved {
  readonly referenceId: string;
  readonly id?: string;
  readonly errors?: readonly RecordError[];
}

function save(context: RouteContext, node: Node, parentId: string | undefined, out: Saved[]): void {
  const changes = parseRecordBody(node.schema, node.fields);
  if (node.parentField !== undefined && parentId !== undefined) changes.set(node.parentField, parentId);
  if (changes.has('Id')) {
    out.push({
      referenceId: node.referenceId,
      errors: [recordError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id'])],
    });
    return;
  }
  const outcome = insertRecord(context.actor, node.schema.name, changes);
  out.push(
    outcome.ok
      ? { referenceId: node.referenceId, id: outcome.id }
      : { referenceId: node.referenceId, errors: outcome.errors },
  );
  for (const child of node.children) save(context, child, outcome.ok ? outcome.id : undefined, out);
}

function tree(context: RouteContext): Reply {
  const root = objectOf(context);
  const parsed = treeBody.safeParse(context.req.body);
  if (!parsed.success)
    throw badRequest(
      'JSON_PARSER_ERROR',
      'The request body must be {"records": [{"attributes": {"type", "referenceId"}, ...}]}',
    );
  const counts: Counts = { records: 0, types: new Set(), referenceIds: new Set() };
  const nodes = parsed.data.records.map((record) => {
    if (record.attributes.type.toLowerCase() !== root.name.toLowerCase())
      throw badRequest('INVALID_INPUT', `Every root record must be of type ${root.name}, as the URL says.`);
    return toNode(context, record, 1, counts);
  });
  if (counts.records > MAX_RECORDS)
    throw badRequest(
      'INVALID_INPUT',
      `A tree can have at most ${MAX_RECORDS} records; this one has ${counts.records}.`,
    );
  if (counts.types.size > MAX_TYPES)
    throw badRequest('INVALID_INPUT', `A tree can have records of at most ${MAX_TYPES} types.`);
  const results: Saved[] = [];
  context.actor.store.transaction(
    () => nodes.forEach((node) => save(context, node, undefined, results)),
    () => results.every((r) => r.errors === undefined),
  );
  const failed = results.filter((r) => r.errors !== undefined);
  if (failed.length > 0) return reply(400, { hasErrors: true, results: failed });
  return reply(201, { hasErrors: false, results });
}

export const TREE_ROUTES: readonly Route[] = [{ method: 'POST', pattern: '/composite/tree/:type', handler: tree }];
