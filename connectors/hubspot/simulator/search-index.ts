import { visibleVersion, type ObjectStore, type StoredObject } from './object-store';
import type { PropertyDefinition, SimObjectType } from './property-model';
import type { Filter, Lookup, SearchRequest } from './search-engine';

export interface IndexedRecord {
  readonly id: string;
  readonly values: ReadonlyMap<string, string>;
  readonly object: StoredObject;
}

/** Whether a property's values order as numbers (numbers, dates, datetimes) rather than as text. */
export function isOrdered(definition: PropertyDefinition | undefined): boolean {
  const type = definition?.type;
  return type === 'number' || type === 'date' || type === 'datetime';
}

/** Numbers and instants compare as numbers (datetimes given as epoch ms or ISO); text without case. */
export function comparable(definition: PropertyDefinition | undefined, text: string): number | string {
  switch (definition?.type) {
    case 'number':
      return Number(text);
    case 'date':
    case 'datetime':
      return /^-?\d+$/.test(text) ? Number(text) : Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    default:
      return text.toLowerCase();
  }
}

/**
 * The records holding a numeric value of one property, in order of (value, id): what a range
 * filter on it selects is one run of them, found by binary search. Records without the property,
 * or whose value is not a number, match no range filter and are left out.
 */
export interface SortedView<R> {
  readonly type: string | undefined;
  readonly keys: readonly number[];
  readonly records: readonly R[];
}

/** The first position whose key is at least `key` (`strict`: above it). */
export function bound(keys: readonly number[], key: number, strict: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const k = keys[middle]!;
    if (k < key || (strict && k === key)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function sortedView<R extends IndexedRecord>(
  records: readonly R[],
  name: string,
  definition: PropertyDefinition | undefined,
): SortedView<R> {
  const keyed: { key: number; record: R }[] = [];
  for (const record of records) {
    const raw = record.values.get(name);
    if (raw === undefined) continue;
    const key = comparable(definition, raw) as number;
    if (!Number.isNaN(key)) keyed.push({ key, record });
  }
  keyed.sort((a, b) => a.key - b.key || Number(a.record.id) - Number(b.record.id));
  return { type: definition?.type, keys: keyed.map((k) => k.key), records: keyed.map((k) => k.record) };
}

/** What the search index of one object type shows at one moment. */
export class TypeIndex {
  private readonly views = new Map<string, SortedView<IndexedRecord>>();

  constructor(
    readonly records: readonly IndexedRecord[],
    readonly revision: number,
    readonly builtAt: number,
    /** When a version written before `builtAt` becomes visible, so this index goes stale. */
    readonly validUntil: number,
  ) {}

  sortedBy(name: string, definition: PropertyDefinition | undefined): SortedView<IndexedRecord> | undefined {
    if (!isOrdered(definition)) return undefined;
    let view = this.views.get(name);
    if (view?.type !== definition?.type) {
      view = sortedView(this.records, name, definition);
      this.views.set(name, view);
    }
    return view;
  }
}

/**
 * HubSpot's search reads an index, not the records: this keeps one per object type, rebuilt only
 * when a write reaches the store or a lagging version becomes visible, so a search over 100,000
 * records costs a binary search and a page, not a scan and a sort.
 */
export class SearchIndex {
  private readonly byType = new Map<SimObjectType, TypeIndex>();

  constructor(private readonly store: ObjectStore) {}

  of(type: SimObjectType, now: number): TypeIndex {
    const cached = this.byType.get(type);
    if (cached?.revision === this.store.revision && now >= cached.builtAt && now < cached.validUntil) return cached;
    const built = this.build(type, now);
    this.byType.set(type, built);
    return built;
  }

  private build(type: SimObjectType, now: number): TypeIndex {
    const records: IndexedRecord[] = [];
    let validUntil = Number.POSITIVE_INFINITY;
    for (const object of this.store.indexed(type)) {
      const version = visibleVersion(object, now);
      if (version !== undefined && !version.archived) records.push({ id: object.id, values: version.values, object });
      for (const pending of object.versions)
        if (pending.visibleAt > now) validUntil = Math.min(validUntil, pending.visibleAt);
    }
    return new TypeIndex(records, this.store.revision, now, validUntil);
  }
}

/** Sorted views of numeric properties, for answering range filters without a scan. */
export interface RangeIndex<R> {
  sortedBy(name: string, definition: PropertyDefinition | undefined): SortedView<R> | undefined;
}

/** The run of one property's sorted view that the group's range filters on it select, and the filters left. */
export interface Range<R> {
  readonly property: string;
  readonly records: readonly R[];
  readonly rest: readonly Filter[];
}

const RANGE_OPERATORS: ReadonlySet<string> = new Set(['EQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN']);

/** With a single filter group, the range filter that selects the fewest records, if any is indexed. */
export function narrowest<R>(request: SearchRequest, lookup: Lookup, index: RangeIndex<R>): Range<R> | undefined {
  if (request.filterGroups.length !== 1) return undefined;
  const filters = request.filterGroups[0]!.filters;
  let best: Range<R> | undefined;
  for (const property of new Set(filters.filter((f) => RANGE_OPERATORS.has(f.operator)).map((f) => f.propertyName))) {
    const definition = lookup(property);
    const view = index.sortedBy(property, definition);
    if (view === undefined) continue;
    const onIt = (f: Filter): boolean => f.propertyName === property && RANGE_OPERATORS.has(f.operator);
    let [start, end] = [0, view.keys.length];
    for (const filter of filters.filter(onIt)) {
      const [from, to] = rangeOf(view.keys, filter, definition);
      [start, end] = [Math.max(start, from), Math.min(end, to)];
    }
    const size = Math.max(0, end - start);
    if (best === undefined || size < best.records.length)
      best = { property, records: view.records.slice(start, start + size), rest: filters.filter((f) => !onIt(f)) };
  }
  return best;
}

/** Positions [from, to) of the sorted keys a range filter accepts; a value that is no number accepts none. */
function rangeOf(
  keys: readonly number[],
  filter: Filter,
  definition: PropertyDefinition | undefined,
): [number, number] {
  const low = comparable(definition, filter.value ?? '') as number;
  const high = filter.operator === 'BETWEEN' ? (comparable(definition, filter.highValue ?? '') as number) : low;
  if (Number.isNaN(low) || Number.isNaN(high)) return [0, 0];
  switch (filter.operator) {
    case 'GT':
      return [bound(keys, low, true), keys.length];
    case 'GTE':
      return [bound(keys, low, false), keys.length];
    case 'LT':
      return [0, bound(keys, low, false)];
    case 'LTE':
      return [0, bound(keys, low, true)];
    default:
      return [bound(keys, low, false), bound(keys, high, true)];
  }
}
