import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { FollowedObject } from '../../shared/field-specs';
import type { SalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { SalesforceNotice } from './inbound.schema';
import { changedAt, idFitsObject, isFollowedObject, type SalesforceChange } from './salesforce-changes';

/**
 * An outbound message is a notification, never the truth: anyone who knows the org id (no secret)
 * can post one. The records it names are read back through the authenticated API, one call per
 * object for the whole message, and only what Salesforce answers is applied. A record Salesforce
 * does not return (never existed, or deleted) is left alone: reconciliation reads deletions from
 * the recycle bin (queryAll), so a notification cannot claim one.
 */

/** A stamp later than this after now is no honest clock's: the record is left for reconciliation. */
export const FUTURE_SKEW_MS = 5 * 60_000;
/** Salesforce redelivers a notification for 24 hours; a record unchanged for longer is not its news. */
const REDELIVERY_MS = 24 * 3_600_000;

export interface ReadBackDeps {
  readonly salesforce: Pick<SalesforcePort, 'retrieve'>;
  readonly fields: Readonly<Record<FollowedObject, readonly string[]>>;
  readonly logger: Logger;
  /** The wall clock: Salesforce's stamps are real time. */
  readonly now: number;
}

/** The ids each object's notices name, with the first notification naming each. */
function namedIds(notices: readonly SalesforceNotice[]): Map<FollowedObject, Map<SalesforceId, string>> {
  const byObject = new Map<FollowedObject, Map<SalesforceId, string>>();
  for (const notice of notices) {
    const object = notice.object;
    if (!isFollowedObject(object) || !idFitsObject(object, notice.recordId)) continue;
    const ids = byObject.get(object) ?? new Map<SalesforceId, string>();
    if (!ids.has(notice.recordId)) ids.set(notice.recordId, notice.notificationId);
    byObject.set(object, ids);
  }
  return byObject;
}

/** The records the notices name, as Salesforce answers for them now. */
export async function readBack(deps: ReadBackDeps, notices: readonly SalesforceNotice[]): Promise<SalesforceChange[]> {
  const changes: SalesforceChange[] = [];
  let missing = 0;
  let future = 0;
  for (const [object, ids] of namedIds(notices)) {
    const records = await deps.salesforce.retrieve(object, [...ids.keys()], deps.fields[object]);
    missing += ids.size - records.length;
    for (const record of records) {
      const at = changedAt(record.fields, deps.now);
      if (at > deps.now + FUTURE_SKEW_MS) {
        future++;
        continue;
      }
      changes.push({
        object,
        id: record.id,
        fields: record.fields,
        // SystemModstamp has whole seconds: two states of one second differ only by their notification.
        changeId: ids.get(record.id) ?? `${record.id}:${at}`,
        at,
        mayCreate: at >= deps.now - REDELIVERY_MS,
      });
    }
  }
  if (missing > 0 || future > 0)
    deps.logger.info({ missing, future }, 'notified Salesforce records left to reconciliation');
  return changes;
}
