import { z } from 'zod';
import { err, ok, type Result } from '../../../src/shared/result';
import type { PropertyDefinition } from './property-model';
import { comparable, narrowest, type Range, type RangeIndex } from './search-index';

export const SEARCH_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const filterSchema = z.object({
  propertyName: z.string(),
  operator: z.enum(SEARCH_OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});
const sortSchema = z.union([
  z
    .string()
    .transform((text) =>
      text.startsWith('-')
        ? { propertyName: text.slice(1), direction: 'DESCENDING' as const }
        : { propertyName: text, direction: 'ASCENDING' as const },
    ),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;
export type Filter = z.infer<typeof filterSchema>;

/**
 * https://developers.hubspot.com/docs/guides/api/crm/search: 200 results a page, 10,000 results a
 * query; since 2024 up to 5 filter groups, 10 filters a group and 25 filters in all.
 */
export const SEARCH_LIMITS = {
  maxPage: 200,
  maxResults: 10_000,
  maxGroups: 5,
  maxFiltersPerGroup: 10,
  maxFilters: 25,
} as const;

export interface SearchableRecord {
  readonly id: string;
  readonly values: ReadonlyMap<string, string>;
}

export interface SearchPage<R extends SearchableRecord> {
  readonly total: number;
  readonly results: readonly R[];
  /** The `after` of the next page, absent on the last page or at the 10,000-result cap. */
  readonly nextAfter: string | undefined;
}

export type Lookup = (name: string) => PropertyDefinition | undefined;

export function runSearch<R extends SearchableRecord>(
  records: readonly R[],
  request: SearchRequest,
  lookup: Lookup,
  searchable: readonly string[],
  index?: RangeIndex<R>,
): Result<SearchPage<R>, string> {
  const invalid = checkRequest(request, lookup);
  if (invalid !== undefined) return err(invalid);
  const offset = Number(request.after ?? 0);
  if (!Number.isInteger(offset) || offset < 0) return err(`Invalid after: ${request.after ?? ''}`);
  if (offset >= SEARCH_LIMITS.maxResults)
    return err(`Paging beyond ${SEARCH_LIMITS.maxResults} results is not supported; narrow the filters instead.`);
  const range = index === undefined ? undefined : narrowest(request, lookup, index);
  const matching =
    range === undefined ? scan(records, request, lookup, searchable) : within(range, request, searchable, lookup);
  const sort = request.sorts[0];
  const ordered = range !== undefined && sort?.propertyName === range.property && sort.direction === 'ASCENDING';
  const sorted = ordered ? matching : sortedBy(matching, sort, lookup);
  const end = Math.min(offset + request.limit, SEARCH_LIMITS.maxResults, sorted.length);
  const results = sorted.slice(offset, end);
  const nextAfter = end < sorted.length && end < SEARCH_LIMITS.maxResults ? String(end) : undefined;
  return ok({ total: matching.length, results, nextAfter });
}

function scan<R extends SearchableRecord>(
  records: readonly R[],
  request: SearchRequest,
  lookup: Lookup,
  searchable: readonly string[],
): readonly R[] {
  return records.filter(
    (record) => matchesGroups(record, request.filterGroups, lookup) && matchesQuery(record, request.query, searchable),
  );
}

function within<R extends SearchableRecord>(
  range: Range<R>,
  request: SearchRequest,
  searchable: readonly string[],
  lookup: Lookup,
): readonly R[] {
  if (range.rest.length === 0 && tokens((request.query ?? '').toLowerCase()).length === 0) return range.records;
  return scan(range.records, { ...request, filterGroups: [{ filters: [...range.rest] }] }, lookup, searchable);
}

function checkRequest(request: SearchRequest, lookup: Lookup): string | undefined {
  if (request.limit < 0 || request.limit > SEARCH_LIMITS.maxPage)
    return `limit must be between 0 and ${SEARCH_LIMITS.maxPage}`;
  if (request.sorts.length > 1) return 'Only one sort is allowed';
  const groups = request.filterGroups;
  if (groups.length > SEARCH_LIMITS.maxGroups)
    return `Too many filter groups: ${groups.length} (maximum ${SEARCH_LIMITS.maxGroups})`;
  if (groups.some((group) => group.filters.length > SEARCH_LIMITS.maxFiltersPerGroup))
    return `Too many filters in a group (maximum ${SEARCH_LIMITS.maxFiltersPerGroup})`;
  const filters = groups.flatMap((group) => group.filters);
  if (filters.length > SEARCH_LIMITS.maxFilters)
    return `Too many filters: ${filters.length} (maximum ${SEARCH_LIMITS.maxFilters})`;
  const unknown = [...filters.map((f) => f.propertyName), ...request.sorts.map((s) => s.propertyName)].find(
    (name) => lookup(name) === undefined,
  );
  if (unknown !== undefined) return `Property ${unknown} does not exist`;
  const incomplete = filters.find((f) => !hasOperands(f));
  return incomplete === undefined
    ? undefined
    : `Filter on ${incomplete.propertyName} with ${incomplete.operator} is missing its value`;
}

function hasOperands(filter: Filter): boolean {
  switch (filter.operator) {
    case 'HAS_PROPERTY':
    case 'NOT_HAS_PROPERTY':
      return true;
    case 'IN':
    case 'NOT_IN':
      return filter.values !== undefined;
    case 'BETWEEN':
      return filter.value !== undefined && filter.highValue !== undefined;
    default:
      return filter.value !== undefined;
  }
}

/** Groups are ORed, filters within a group ANDed; no groups matches everything. */
function matchesGroups(record: SearchableRecord, groups: SearchRequest['filterGroups'], lookup: Lookup): boolean {
  if (groups.length === 0) return true;
  return groups.some((group) => group.filters.every((filter) => matchesFilter(record, filter, lookup)));
}

function matchesFilter(record: SearchableRecord, filter: Filter, lookup: Lookup): boolean {
  const raw = record.values.get(filter.propertyName);
  const definition = lookup(filter.propertyName);
  const value = raw === undefined ? undefined : comparable(definition, raw);
  const operand = (text: string | undefined): number | string => comparable(definition, text ?? '');
  const set = (filter.values ?? []).map(operand);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return value !== undefined;
    case 'NOT_HAS_PROPERTY':
      return value === undefined;
    case 'EQ':
      return value !== undefined && value === operand(filter.value);
    case 'NEQ':
      return value !== operand(filter.value);
    case 'IN':
      return value !== undefined && set.includes(value);
    case 'NOT_IN':
      return value === undefined || !set.includes(value);
    case 'LT':
      return value !== undefined && value < operand(filter.value);
    case 'LTE':
      return value !== undefined && value <= operand(filter.value);
    case 'GT':
      return value !== undefined && value > operand(filter.value);
    case 'GTE':
      return value !== undefined && value >= operand(filter.value);
    case 'BETWEEN':
      return value !== undefined && value >= operand(filter.value) && value <= operand(filter.highValue);
    case 'CONTAINS_TOKEN':
      return raw !== undefined && containsToken(raw, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return raw === undefined || !containsToken(raw, filter.value ?? '');
  }
}

/** A token is a word of the value; `*` is a wildcard over the whole value (`*@hubspot.com`). */
function containsToken(value: string, token: string): boolean {
  const lower = value.toLowerCase();
  const wanted = token.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = wanted
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${pattern}$`).test(lower);
  }
  return lower === wanted || tokens(lower).includes(wanted);
}

function tokens(text: string): string[] {
  return text.split(/[^a-z0-9\u00c0-\uffff]+/).filter((token) => token !== '');
}

function matchesQuery(record: SearchableRecord, query: string | undefined, searchable: readonly string[]): boolean {
  const terms = tokens((query ?? '').toLowerCase());
  if (terms.length === 0) return true;
  const words = searchable.flatMap((name) => tokens((record.values.get(name) ?? '').toLowerCase()));
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/** In the sort's order (records without the sort property last), ties and no sort by id; each key parsed once. */
function sortedBy<R extends SearchableRecord>(
  records: readonly R[],
  sort: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' } | undefined,
  lookup: Lookup,
): readonly R[] {
  const byId = (a: R, b: R): number => Number(a.id) - Number(b.id);
  if (sort === undefined) return [...records].sort(byId);
  const definition = lookup(sort.propertyName);
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  const keyed = records.map((record) => {
    const raw = record.values.get(sort.propertyName);
    return { record, key: raw === undefined ? undefined : comparable(definition, raw) };
  });
  keyed.sort((a, b) => {
    const [x, y] = [a.key, b.key];
    if (x === undefined || y === undefined) return x === y ? byId(a.record, b.record) : x === undefined ? 1 : -1;
    return x < y ? -sign : x > y ? sign : byId(a.record, b.record);
  });
  return keyed.map((k) => k.record);
}
