import type { FieldDef } from '../schema/field';
import { toApiValue, type Value } from '../schema/values';
import type { OrderItem, SelectItem, SoqlQuery } from './ast';
import { bindPath, readPath, type BoundPath } from './bind';
import { SoqlError, type CatalogObject, type SoqlCatalog, type SoqlRow } from './catalog';
import { comparable, compareValues, compileCondition } from './conditions';
import { describeSyntaxError, parseSoql } from './parser';
import { SoqlSyntaxError } from './lexer';

export interface SoqlResult {
  readonly totalSize: number;
  /** Every result record, already shaped as the REST API returns it; the caller pages them. */
  readonly records: readonly Record<string, unknown>[];
  readonly object: string;
}

export interface RunOptions {
  /** queryAll: deleted and merged rows are included. */
  readonly includeDeleted: boolean;
  /** attributes.url of a record. */
  readonly urlFor: (object: string, id: string) => string;
}

// OFFSET is capped by the platform.
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_offset.htm
const MAX_OFFSET = 2000;

function sortRows(
  catalog: SoqlCatalog,
  root: CatalogObject,
  rows: SoqlRow[],
  orderBy: readonly OrderItem[],
): SoqlRow[] {
  if (orderBy.length === 0) return rows;
  const keys = orderBy.map((item) => ({ item, bound: bindPath(catalog, root, item.field) }));
  return rows
    .map((row) => ({ row, values: keys.map(({ bound }) => comparable(bound.leaf, readPath(catalog, row, bound))) }))
    .sort((a, b) => {
      for (let i = 0; i < keys.length; i += 1) {
        const item = keys[i]?.item;
        const left = a.values[i] ?? null;
        const right = b.values[i] ?? null;
        if (item === undefined || left === right) continue;
        if (left === null || right === null) return (left === null) === (item.nulls === 'FIRST') ? -1 : 1;
        const order = compareValues(left, right);
        if (order !== 0) return item.direction === 'ASC' ? order : -order;
      }
      return 0;
    })
    .map(({ row }) => row);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Writes one selected path into the output record, nesting relationship objects as the API does. */
function place(
  catalog: SoqlCatalog,
  container: Record<string, unknown>,
  row: SoqlRow,
  bound: BoundPath,
  depth: number,
  options: RunOptions,
): void {
  const hop = bound.hops[depth];
  if (hop === undefined) {
    container[bound.leaf.name] = leafValue(bound.leaf, row[bound.leaf.name]);
    return;
  }
  const name = bound.names[depth] ?? hop.field.name;
  const id = row[hop.field.name];
  const target = typeof id === 'string' ? catalog.resolve(id) : undefined;
  if (typeof id !== 'string' || target === undefined) {
    container[name] = null;
    return;
  }
  const existing = container[name];
  // A polymorphic relationship (Owner on Lead, Who on Task) is typed "Name" in query results.
  const nested = isRecord(existing)
    ? existing
    : { attributes: { type: hop.polymorphic ? 'Name' : target.object, url: options.urlFor(target.object, id) } };
  container[name] = nested;
  place(catalog, nested, target.row, bound, depth + 1, options);
}

/** A child subquery bound to the data model: which child rows belong to a parent, and how to shape them. */
interface BoundChild {
  readonly name: string;
  readonly object: CatalogObject;
  readonly field: string;
  readonly query: SoqlQuery;
}

function bindChildren(catalog: SoqlCatalog, root: CatalogObject, select: readonly SelectItem[]): BoundChild[] {
  return select.flatMap((item) => {
    if (item.kind !== 'subquery') return [];
    const name = item.query.object.name;
    const relation = catalog.childRelationship?.(root.name, name);
    const object = relation === undefined ? undefined : catalog.object(relation.object);
    if (relation === undefined || object === undefined)
      throw new SoqlError(
        'INVALID_TYPE',
        `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        item.query.object.offset,
      );
    return [{ name: relation.name, object, field: relation.field, query: item.query }];
  });
}

/** A parent's child records as the API nests them: a query result, or null when there are none. */
function childResult(catalog: SoqlCatalog, parent: SoqlRow, child: BoundChild, options: RunOptions): unknown {
  const rows = catalog
    .rows(child.object.name, options.includeDeleted)
    .filter((row) => row[child.field] === parent['Id']);
  const records = selectRows(catalog, child.object, child.query, rows, options);
  return records.length === 0 ? null : { totalSize: records.length, done: true, records };
}

function project(
  row: SoqlRow,
  object: string,
  projections: readonly BoundPath[],
  children: readonly BoundChild[],
  catalog: SoqlCatalog,
  options: RunOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: object, url: options.urlFor(object, String(row['Id'])) } };
  for (const bound of projections) place(catalog, out, row, bound, 0, options);
  for (const child of children) out[child.name] = childResult(catalog, row, child, options);
  return out;
}

/** Filters, sorts, pages and shapes `rows` of `root` as `query` asks (the root query or a child subquery). */
function selectRows(
  catalog: SoqlCatalog,
  root: CatalogObject,
  query: SoqlQuery,
  rows: readonly SoqlRow[],
  options: RunOptions,
): Record<string, unknown>[] {
  const projections = query.select.flatMap((item) =>
    item.kind === 'field' ? [bindPath(catalog, root, item.field)] : [],
  );
  const children = bindChildren(catalog, root, query.select);
  const where = query.where === undefined ? () => true : compileCondition(catalog, root, query.where);
  const sorted = sortRows(catalog, root, rows.filter(where), query.orderBy);
  const start = query.offset ?? 0;
  const page = sorted.slice(start, query.limit === undefined ? undefined : start + query.limit);
  return page.map((row) => project(row, root.name, projections, children, catalog, options));
}

function leafValue(field: FieldDef, value: unknown): unknown {
  if (field.type === 'complexvalue') return value ?? null;
  return toApiValue(field, (value ?? null) as Value);
}

function aggregate(
  select: readonly SelectItem[],
  catalog: SoqlCatalog,
  root: CatalogObject,
  rows: readonly SoqlRow[],
): SoqlResult | undefined {
  const counts = select.filter((item) => item.kind === 'count');
  const [count] = counts;
  if (count === undefined) return undefined;
  if (select.length > 1) throw new SoqlError('MALFORMED_QUERY', 'Field must be grouped or aggregated', count.offset);
  if (count.field === undefined) return { totalSize: rows.length, records: [], object: root.name };
  const bound = bindPath(catalog, root, count.field);
  const value = rows.filter((row) => readPath(catalog, row, bound) !== null).length;
  return {
    totalSize: 1,
    records: [{ attributes: { type: 'AggregateResult' }, [count.alias ?? 'expr0']: value }],
    object: root.name,
  };
}

export function runQuery(catalog: SoqlCatalog, query: SoqlQuery, options: RunOptions): SoqlResult {
  const root = catalog.object(query.object.name);
  if (root === undefined) {
    throw new SoqlError(
      'INVALID_TYPE',
      `sObject type '${query.object.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      query.object.offset,
    );
  }
  if (query.offset !== undefined && query.offset > MAX_OFFSET)
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`, undefined);
  const rows = catalog.rows(root.name, options.includeDeleted);
  if (query.select.some((item) => item.kind === 'count')) {
    const where = query.where === undefined ? () => true : compileCondition(catalog, root, query.where);
    const counted = aggregate(query.select, catalog, root, rows.filter(where));
    if (counted !== undefined) return counted;
  }
  const records = selectRows(catalog, root, query, rows, options);
  return { totalSize: records.length, records, object: root.name };
}

/** Parses and runs a query; every refusal comes back as a SoqlError carrying the API's error code. */
export function executeSoql(catalog: SoqlCatalog, text: string, options: RunOptions): SoqlResult {
  try {
    return runQuery(catalog, parseSoql(text), options);
  } catch (error) {
    if (error instanceof SoqlSyntaxError)
      throw new SoqlError('MALFORMED_QUERY', describeSyntaxError(text, error.offset, error.message), error.offset);
    if (error instanceof SoqlError && error.offset !== undefined)
      throw new SoqlError(error.errorCode, describeSyntaxError(text, error.offset, error.message), error.offset);
    throw error;
  }
}
