import type { ChangeCursor } from '../../src/shared/crm-port';
import { soqlDateTime, soqlString } from './soql-text';

/**
 * Incremental reads by SystemModstamp, with an Id tie-break, that never skip a late commit.
 *
 * A transaction stamps SystemModstamp when it writes but becomes visible when it commits, so a
 * record can appear with a stamp older than records already read. The cursor therefore only
 * advances over what is settled: stamps older than the server's time minus the overlap window,
 * which every commit has reached. Rows newer than that are returned as soon as they are seen and
 * returned again on the next read (at-least-once; consumers are idempotent), so nothing waits for
 * the window to pass and nothing committed late inside it is missed. Within a page the position
 * (SystemModstamp, Id) is strictly increasing, so thousands of rows sharing one second page
 * through without repeats.
 */

export interface ChangeRow<R> {
  readonly id: string;
  /** SystemModstamp, epoch ms. */
  readonly stamp: number;
  readonly record: R;
}

export interface ChangeQuery {
  readonly object: string;
  readonly fields: readonly string[];
  readonly cursor: ChangeCursor;
  /** Rows the caller wants; one more is asked for, to know whether more are waiting. */
  readonly limit: number;
  /** Objects without a recycle bin (User) have no IsDeleted. */
  readonly hasIsDeleted: boolean;
}

/** A page must fit the API's 2,000-row page, plus the one row that tells whether more wait. */
export const MAX_CHANGE_PAGE = 1999;

const SYSTEM_FIELDS = ['Id', 'SystemModstamp', 'IsDeleted'];

export function changeSoql(query: ChangeQuery): string {
  const system = query.hasIsDeleted ? SYSTEM_FIELDS : SYSTEM_FIELDS.filter((f) => f !== 'IsDeleted');
  const extra = query.fields.filter((f) => !system.some((s) => s.toLowerCase() === f.toLowerCase()));
  const since = soqlDateTime(Date.parse(query.cursor.since));
  const where =
    query.cursor.afterId === null
      ? `SystemModstamp >= ${since}`
      : `(SystemModstamp > ${since} OR (SystemModstamp = ${since} AND Id > ${soqlString(query.cursor.afterId)}))`;
  const limit = Math.min(Math.max(1, query.limit), MAX_CHANGE_PAGE) + 1;
  return `SELECT ${[...system, ...extra].join(', ')} FROM ${query.object} WHERE ${where} ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`;
}

function position(cursor: ChangeCursor): [number, string] {
  return [Date.parse(cursor.since), cursor.afterId ?? ''];
}

function later(a: ChangeCursor, b: ChangeCursor): ChangeCursor {
  const [stampA, idA] = position(a);
  const [stampB, idB] = position(b);
  return stampA > stampB || (stampA === stampB && idA >= idB) ? a : b;
}

/**
 * The page to hand out and the cursor to store, from the rows a change query returned (ordered,
 * at most limit + 1) and the server's time when it answered.
 */
export function pageOfChanges<R>(
  rows: readonly ChangeRow<R>[],
  cursor: ChangeCursor,
  limit: number,
  serverNow: number,
  overlapMs: number,
): { records: R[]; next: ChangeCursor; more: boolean } {
  const size = Math.min(Math.max(1, limit), MAX_CHANGE_PAGE);
  const page = rows.slice(0, size);
  const settledBefore = Math.floor((serverNow - overlapMs) / 1000) * 1000;
  const last = page[page.length - 1];
  const allSettled = page.every((row) => row.stamp < settledBefore);
  if (rows.length > size && allSettled && last !== undefined) {
    return {
      records: page.map((r) => r.record),
      next: { since: new Date(last.stamp).toISOString(), afterId: last.id },
      more: true,
    };
  }
  // Every row older than the settled point has been read (they sort first), so the cursor may move there.
  const settled: ChangeCursor = { since: new Date(settledBefore).toISOString(), afterId: null };
  return { records: page.map((r) => r.record), next: later(cursor, settled), more: false };
}

const MINUTE = 60_000;
/** Get Deleted reports at most 15 days back (REST API Developer Guide, "sObject Get Deleted"). */
export const DELETE_LOG_MS = 15 * 24 * 60 * MINUTE;
/** Kept clear of the delete log's edge, which moves on while a request travels. */
const DELETE_LOG_MARGIN_MS = 60 * MINUTE;

export interface DeletionWindow {
  readonly start: number;
  readonly end: number;
  /** The stored start was older than the delete log keeps: the window starts later. */
  readonly clipped: boolean;
}

/**
 * The next Get Deleted window, from where the last one's latestDateCovered left off to the current
 * minute. The API ignores seconds and refuses a start that is not before the end, so nothing is
 * asked until a whole minute has passed (null); nor a start the delete log has already dropped.
 */
export function deletionWindow(since: number, now: number): DeletionWindow | null {
  const oldest = now - DELETE_LOG_MS + DELETE_LOG_MARGIN_MS;
  const start = Math.floor(Math.max(since, oldest) / MINUTE) * MINUTE;
  const end = Math.floor(now / MINUTE) * MINUTE;
  return start < end ? { start, end, clipped: since < oldest } : null;
}
