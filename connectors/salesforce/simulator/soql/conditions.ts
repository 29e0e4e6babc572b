import { normalizeId } from '../schema/ids';
import type { FieldDef, FieldType } from '../schema/field';
import type { CompareOp, Condition, Literal } from './ast';
import { bindPath, readPath } from './bind';
import { SoqlError, type CatalogObject, type SoqlCatalog, type SoqlRow } from './catalog';

export type Predicate = (row: SoqlRow) => boolean;

/** A value reduced to what SOQL compares: text case-insensitively, ids by their 15-character form. */
export type Comparable = string | number | boolean | null;

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);
const ID_TYPES: ReadonlySet<FieldType> = new Set(['id', 'reference']);
const DAY_MS = 86_400_000;

export function comparable(field: FieldDef, value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string')
    return JSON.stringify(value);
  if (ID_TYPES.has(field.type)) return String(value).slice(0, 15);
  if (TEXT_TYPES.has(field.type)) return String(value).toLowerCase();
  return value;
}

export function compareValues(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function typeError(field: FieldDef, quoted: boolean, offset: number): SoqlError {
  const typeName = field.type === 'datetime' ? 'dateTime' : field.type;
  const hint = quoted ? 'should not be enclosed in quotes' : 'should be enclosed in quotes';
  return new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${field.name}' must be of type ${typeName} and ${hint}`,
    offset,
  );
}

/** Half-open [start, end) of a date literal such as TODAY or LAST_N_DAYS:7, in the org's time zone (UTC). */
function dayRange(literal: Extract<Literal, { kind: 'dateRange' }>, now: number): [number, number] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const n = literal.n ?? 0;
  switch (literal.name) {
    case 'YESTERDAY':
      return [today - DAY_MS, today];
    case 'TOMORROW':
      return [today + DAY_MS, today + 2 * DAY_MS];
    case 'LAST_N_DAYS':
      return [today - n * DAY_MS, today + DAY_MS];
    case 'NEXT_N_DAYS':
      return [today + DAY_MS, today + (n + 1) * DAY_MS];
    default:
      return [today, today + DAY_MS];
  }
}

/** A literal converted to the field's comparable form, or a type error as the platform words it. */
function literalValue(field: FieldDef, literal: Literal, offset: number): Comparable {
  if (literal.kind === 'null') return null;
  if (field.type === 'complexvalue')
    throw new SoqlError('INVALID_FIELD', `field '${field.name}' can not be filtered in query call`, offset);
  if (ID_TYPES.has(field.type)) {
    if (literal.kind !== 'string') throw typeError(field, false, offset);
    const id = normalizeId(literal.value);
    if (id === undefined)
      throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${literal.value}`, offset);
    return id.slice(0, 15);
  }
  if (TEXT_TYPES.has(field.type)) {
    if (literal.kind !== 'string') throw typeError(field, false, offset);
    return literal.value.replace(/\\([_%])/g, '$1').toLowerCase();
  }
  const expected = NUMBER_TYPES.has(field.type) ? 'number' : field.type === 'boolean' ? 'boolean' : field.type;
  if (literal.kind === expected) return (literal as { value: Comparable }).value;
  throw typeError(field, literal.kind === 'string', offset);
}

function compareTo(op: CompareOp, order: number): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

function rangePredicate(
  field: FieldDef,
  op: CompareOp,
  literal: Extract<Literal, { kind: 'dateRange' }>,
  now: number,
  offset: number,
): (value: Comparable) => boolean {
  if (field.type !== 'date' && field.type !== 'datetime') throw typeError(field, false, offset);
  const [start, end] = dayRange(literal, now);
  const asMs = (value: Comparable) => (typeof value === 'string' ? Date.parse(`${value}T00:00:00Z`) : Number(value));
  return (value) => {
    if (value === null) return op === '!=';
    const ms = asMs(value);
    const inside = ms >= start && ms < end;
    if (op === '=' || op === '!=') return inside === (op === '=');
    return compareTo(op, ms < start ? -1 : ms >= end ? 1 : 0);
  };
}

function comparePredicate(
  field: FieldDef,
  op: CompareOp,
  literal: Literal,
  now: number,
  offset: number,
): (value: Comparable) => boolean {
  if (literal.kind === 'dateRange') return rangePredicate(field, op, literal, now, offset);
  const target = literalValue(field, literal, offset);
  if (target === null) {
    if (op !== '=' && op !== '!=') return () => false;
    return (value) => (value === null) === (op === '=');
  }
  return (value) => (value === null ? op === '!=' : compareTo(op, compareValues(value, target)));
}

/** LIKE: % and _ wildcards, \% and \_ literal, case-insensitive. */
function likeMatcher(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += pattern.charAt(i + 1);
      i += 1;
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

export function compileCondition(catalog: SoqlCatalog, root: CatalogObject, condition: Condition): Predicate {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const left = compileCondition(catalog, root, condition.left);
      const right = compileCondition(catalog, root, condition.right);
      return condition.kind === 'and' ? (row) => left(row) && right(row) : (row) => left(row) || right(row);
    }
    case 'not': {
      const inner = compileCondition(catalog, root, condition.inner);
      return (row) => !inner(row);
    }
    case 'compare':
    case 'in':
    case 'like':
      return compileFieldCondition(catalog, root, condition);
  }
}

function compileFieldCondition(
  catalog: SoqlCatalog,
  root: CatalogObject,
  condition: Extract<Condition, { kind: 'compare' | 'in' | 'like' }>,
): Predicate {
  const bound = bindPath(catalog, root, condition.field);
  const field = bound.leaf;
  const read = (row: SoqlRow) => comparable(field, readPath(catalog, row, bound));
  if (condition.kind === 'compare') {
    const test = comparePredicate(field, condition.op, condition.value, catalog.now(), condition.offset);
    return (row) => test(read(row));
  }
  if (condition.kind === 'in') {
    const values = new Set(condition.values.map((literal) => literalValue(field, literal, condition.offset)));
    return (row) => values.has(read(row)) !== condition.negated;
  }
  if (!TEXT_TYPES.has(field.type))
    throw new SoqlError('INVALID_FIELD', `invalid operator on ${field.type} field: LIKE`, condition.offset);
  const matcher = likeMatcher(condition.pattern);
  return (row) => {
    const value = readPath(catalog, row, bound);
    return typeof value === 'string' && matcher.test(value);
  };
}
