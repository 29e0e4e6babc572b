import { badRequest, reply, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { formatDateTime, parseDateTime } from './schema/values';
import { objectOf } from './route-objects';

/**
 * Get Updated Records and Get Deleted Records: the ids of an object's records changed, or deleted,
 * within a timespan, for replication and reconciliation.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getupdated.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
 * The SOAP calls they mirror document the limits and errors:
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_getupdated.htm
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// getUpdated looks back at most 30 days; deleted records stay in the Recycle Bin 15 days.
const UPDATED_WINDOW_MS = 30 * DAY;
const RECYCLE_BIN_MS = 15 * DAY;
// Either call fails with EXCEEDED_ID_LIMIT when more than 600,000 ids match.
const MAX_IDS = 600_000;

interface Span {
  readonly start: number;
  readonly end: number;
}

function instant(context: RouteContext, name: 'start' | 'end'): number {
  const raw = context.req.query.get(name);
  if (raw === null || raw === '') throw badRequest('MISSING_ARGUMENT', `${name}: the ${name} parameter is required`);
  const ms = parseDateTime(raw);
  if (ms === undefined)
    throw badRequest(
      'INVALID_REPLICATION_DATE',
      `${name}: '${raw}' is not a date and time in ISO 8601 form such as 2024-05-01T12:00:00+00:00`,
    );
  return ms;
}

/** "The API ignores the seconds portion of the specified dateTime value": both ends fall to the minute. */
function span(context: RouteContext): Span {
  const start = Math.floor(instant(context, 'start') / MINUTE) * MINUTE;
  const end = Math.floor(instant(context, 'end') / MINUTE) * MINUTE;
  if (start >= end)
    throw badRequest('INVALID_REPLICATION_DATE', 'start must be chronologically before end (to the minute)');
  return { start, end };
}

/** The last minute the answer covers: the end asked for, never later than the current minute. */
function latestCovered(context: RouteContext, end: number): number {
  return Math.min(end, Math.floor(context.actor.now() / MINUTE) * MINUTE);
}

function checkCount(count: number): void {
  if (count > MAX_IDS)
    throw badRequest('EXCEEDED_ID_LIMIT', `More than ${MAX_IDS} records match; ask for a shorter timespan`);
}

/** Ids whose SystemModstamp falls in [start, end): created or changed, not deleted. */
function updated(context: RouteContext): Reply {
  const schema = objectOf(context);
  const { start, end } = span(context);
  if (start < context.actor.now() - UPDATED_WINDOW_MS)
    throw badRequest('INVALID_REPLICATION_DATE', 'start must be within the last 30 days');
  const until = latestCovered(context, end);
  const ids = context.actor.store
    .visibleRows(schema.name)
    .filter((row) => row['IsDeleted'] !== true)
    .filter((row) => {
      const stamp = Number(row['SystemModstamp']);
      return stamp >= start && stamp < until;
    })
    .map((row) => String(row['Id']));
  checkCount(ids.length);
  return reply(200, { ids, latestDateCovered: formatDateTime(until) });
}

/**
 * Records deleted (or merged away) in [start, end) and still in the delete log. "Results are
 * returned for no more than 15 days previous to the day the call is executed"; earliestDateAvailable
 * says from when. A start before it asks for deletions the log no longer holds, and the SOAP API
 * Developer Guide, getDeleted(), "Rules and Guidelines": "If purging has been performed before your
 * getDeleted() call is executed, an INVALID_REPLICATION_DATE error is returned. If you get this
 * exception, you should do a full pull of the table."
 */
function deleted(context: RouteContext): Reply {
  const schema = objectOf(context);
  const { start, end } = span(context);
  const earliest = Math.floor((context.actor.now() - RECYCLE_BIN_MS) / MINUTE) * MINUTE;
  if (start < earliest)
    throw badRequest(
      'INVALID_REPLICATION_DATE',
      `start must not be before earliestDateAvailable, ${formatDateTime(earliest)}: older deletions were purged`,
    );
  const until = latestCovered(context, end);
  const deletedRecords = context.actor.store
    .visibleRows(schema.name)
    .filter((row) => row['IsDeleted'] === true)
    .filter((row) => {
      const stamp = Number(row['SystemModstamp']);
      return stamp >= start && stamp < until;
    })
    .map((row) => ({ id: String(row['Id']), deletedDate: formatDateTime(Number(row['SystemModstamp'])) }));
  checkCount(deletedRecords.length);
  return reply(200, {
    deletedRecords,
    earliestDateAvailable: formatDateTime(earliest),
    latestDateCovered: formatDateTime(until),
  });
}

/** Listed before /sobjects/:type/:id, which would otherwise read "updated" as a record id. */
export const REPLICATION_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/sobjects/:type/updated', handler: updated },
  { method: 'GET', pattern: '/sobjects/:type/deleted', handler: deleted },
];
