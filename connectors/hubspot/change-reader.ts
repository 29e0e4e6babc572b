import type { ChangeCursor, ChangePage } from '../../src/shared/crm-port';
import type { HubSpotContact } from './hubspot-port';
import type { SearchPage, SimpleObject } from './hubspot-responses.schema';

/** https://developers.hubspot.com/docs/guides/api/crm/search: at most 200 results a page. */
export const SEARCH_PAGE_MAX = 200;

export type ChangeOperator = 'EQ' | 'GT' | 'GTE' | 'LTE';

export interface ChangeQuery {
  readonly filters: readonly {
    readonly propertyName: string;
    readonly operator: ChangeOperator;
    readonly value: string;
  }[];
  readonly sortBy: 'lastmodifieddate' | 'hs_object_id';
  readonly limit: number;
}

export type RunSearch = (query: ChangeQuery) => Promise<SearchPage>;

interface Position {
  /** Epoch ms of the last change read. */
  readonly since: number;
  /** Greatest id read at `since`; null when none was (then records at `since` are still due). */
  readonly afterId: string | null;
  /** Every record at `since` is known to be read (within this call), so no tie query is needed. */
  readonly complete: boolean;
}

/**
 * Contacts modified since the cursor, oldest first. Every query restarts from the cursor rather than
 * paging with `after` (a moving window), so the 10,000-result cap of search never applies; records
 * sharing the last instant of a page are read in id order, so none is skipped or read twice.
 * `settledBefore` keeps out changes the lagging search index may not show yet.
 */
export async function readChangesSince(
  search: RunSearch,
  cursor: ChangeCursor,
  limit: number,
  settledBefore: number | undefined,
): Promise<ChangePage<SimpleObject>> {
  let position: Position = { since: Date.parse(cursor.since), afterId: cursor.afterId, complete: false };
  const records: SimpleObject[] = [];
  let more = false;
  while (records.length < limit) {
    const want = Math.min(SEARCH_PAGE_MAX, limit - records.length);
    // A search is a search whatever its size: leave a small remainder to the next call.
    if (records.length > 0 && want < SEARCH_PAGE_MAX / 4) break;
    const step =
      position.afterId === null || position.complete
        ? await readAfter(search, position, want, settledBefore, position.afterId === null)
        : await readTies(search, position, want, settledBefore);
    records.push(...step.records);
    position = step.position;
    more = step.more;
    if (!step.more) break;
  }
  return { records, next: { since: new Date(position.since).toISOString(), afterId: position.afterId }, more };
}

interface Step {
  readonly records: readonly SimpleObject[];
  readonly position: Position;
  /** More changes wait past `position`. */
  readonly more: boolean;
}

/** Records at exactly `since` with ids above `afterId`, in id order; then on to later instants. */
async function readTies(
  search: RunSearch,
  position: Position,
  want: number,
  settledBefore: number | undefined,
): Promise<Step> {
  const page = await search({
    filters: [
      filter('lastmodifieddate', 'EQ', position.since),
      filter('hs_object_id', 'GT', position.afterId ?? '0'),
      ...upperBound(settledBefore),
    ],
    sortBy: 'hs_object_id',
    limit: want,
  });
  const last = page.results[page.results.length - 1];
  if (last !== undefined && page.total > page.results.length)
    return {
      records: page.results,
      position: { since: position.since, afterId: last.id, complete: false },
      more: true,
    };
  const after = await readAfter(
    search,
    { since: position.since, afterId: last?.id ?? position.afterId, complete: true },
    want - page.results.length,
    settledBefore,
    false,
  );
  return { ...after, records: [...page.results, ...after.records] };
}

/** Records after `since` (or from it, when nothing at `since` was read yet), by modification time. */
async function readAfter(
  search: RunSearch,
  position: Position,
  want: number,
  settledBefore: number | undefined,
  inclusive: boolean,
): Promise<Step> {
  if (want <= 0) return { records: [], position, more: true };
  const page = await search({
    filters: [filter('lastmodifieddate', inclusive ? 'GTE' : 'GT', position.since), ...upperBound(settledBefore)],
    sortBy: 'lastmodifieddate',
    limit: want,
  });
  if (page.results.length === 0) return { records: [], position, more: false };
  const full = page.total > page.results.length;
  const lastInstant = modifiedAt(page.results[page.results.length - 1]!);
  // A full page may cut a run of records sharing its last instant, and HubSpot orders such ties
  // arbitrarily: keep only instants wholly inside the page; read the cut instant again by id.
  const kept = full ? page.results.filter((record) => modifiedAt(record) < lastInstant) : page.results;
  if (kept.length === 0)
    return { records: [], position: { since: lastInstant, afterId: '0', complete: false }, more: true };
  const since = modifiedAt(kept[kept.length - 1]!);
  const afterId = kept
    .filter((record) => modifiedAt(record) === since)
    .reduce((max, record) => (Number(record.id) > Number(max) ? record.id : max), '0');
  return { records: kept, position: { since, afterId, complete: true }, more: full };
}

function filter(
  propertyName: string,
  operator: ChangeOperator,
  value: number | string,
): ChangeQuery['filters'][number] {
  return { propertyName, operator, value: String(value) };
}

function upperBound(settledBefore: number | undefined): ChangeQuery['filters'] {
  return settledBefore === undefined ? [] : [filter('lastmodifieddate', 'LTE', settledBefore)];
}

export function modifiedAt(record: SimpleObject): number {
  const stamp = Date.parse(record.properties['lastmodifieddate'] ?? '');
  return Number.isNaN(stamp) ? Date.parse(record.updatedAt) : stamp;
}

export function toContact(record: SimpleObject): HubSpotContact {
  return {
    id: record.id,
    properties: record.properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
  };
}
