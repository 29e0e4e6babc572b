import { KEY_PREFIXES, type IdFactory } from './schema/ids';

interface Cursor {
  readonly records: readonly Record<string, unknown>[];
  readonly pageSize: number;
  expiresAt: number;
}

/** A query result page as the REST API returns it. */
export interface QueryPage {
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl?: string;
  readonly records: readonly Record<string, unknown>[];
}

// Query locators expire after 15 minutes of inactivity.
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
const LOCATOR_TTL_MS = 15 * 60_000;

/**
 * Results larger than one page stay here until read, addressed by a locator "01g…-2000" whose
 * suffix is the offset of the next page (jsforce sends back the last segment of nextRecordsUrl).
 */
export class QueryCursors {
  private cursors = new Map<string, Cursor>();

  constructor(
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.cursors = new Map();
  }

  /** The first page of a result; later pages through `next`. */
  first(records: readonly Record<string, unknown>[], totalSize: number, pageSize: number, nextBase: string): QueryPage {
    this.expire();
    if (records.length <= pageSize) return { totalSize, done: true, records };
    const id = this.ids.next(KEY_PREFIXES.QueryLocator);
    this.cursors.set(id, { records, pageSize, expiresAt: this.now() + LOCATOR_TTL_MS });
    return {
      totalSize,
      done: false,
      nextRecordsUrl: `${nextBase}/${id}-${pageSize}`,
      records: records.slice(0, pageSize),
    };
  }

  /** The page at a locator, or undefined when it is unknown or expired (INVALID_QUERY_LOCATOR). */
  next(locator: string, nextBase: string): QueryPage | undefined {
    this.expire();
    const match = /^([A-Za-z0-9]{15,18})-(\d+)$/.exec(locator);
    const cursor = match === null ? undefined : this.cursors.get(match[1] ?? '');
    if (match === null || cursor === undefined) return undefined;
    const start = Number(match[2]);
    const end = start + cursor.pageSize;
    cursor.expiresAt = this.now() + LOCATOR_TTL_MS;
    const records = cursor.records.slice(start, end);
    if (end >= cursor.records.length) {
      this.cursors.delete(match[1] ?? '');
      return { totalSize: cursor.records.length, done: true, records };
    }
    return {
      totalSize: cursor.records.length,
      done: false,
      nextRecordsUrl: `${nextBase}/${match[1] ?? ''}-${end}`,
      records,
    };
  }

  private expire(): void {
    const now = this.now();
    for (const [id, cursor] of this.cursors) if (cursor.expiresAt <= now) this.cursors.delete(id);
  }
}
