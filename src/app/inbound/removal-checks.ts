import type { HubSpotPort } from '../../../connectors/hubspot/hubspot-port';
import type { HubSpotContactId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { HubSpotNotice } from './inbound.schema';

/** What a merge notice says: the contact that survives, and every other contact it names (merged away). */
export function mergeParts(merge: HubSpotNotice): { survivor: HubSpotContactId; merged: HubSpotContactId[] } {
  const survivor = merge.newObjectId ?? merge.primaryObjectId ?? merge.objectId;
  const merged = [...new Set([merge.primaryObjectId, ...(merge.mergedObjectIds ?? []), merge.objectId])].filter(
    (id): id is HubSpotContactId => id !== undefined && id !== survivor,
  );
  return { survivor, merged };
}

/** The contacts a notice would retire or re-point: a deleted contact, or a merge's merged-away ones. */
function removedBy(notice: HubSpotNotice): HubSpotContactId[] {
  switch (notice.kind) {
    case 'deletion':
    case 'privacyDeletion':
      return [notice.objectId];
    case 'merge':
      return mergeParts(notice).merged;
    case 'creation':
    case 'propertyChange':
    case 'restore':
    case 'associationChange':
      return [];
  }
}

export interface RemovalCheckDeps {
  readonly hubspot: Pick<HubSpotPort, 'readContacts'>;
  readonly logger: Logger;
  /** Counts the notices left out (how many). */
  readonly onUnconfirmed?: (count: number) => void;
}

/**
 * A webhook is a notification, never the truth (DESIGN.md, Trust model): a deletion, privacy deletion
 * or merge is acted on only once HubSpot confirms the contacts it removes no longer read as
 * themselves. HubSpot's batch read leaves a deleted contact out (OBJECT_NOT_FOUND) and answers a
 * merged-away id with the surviving record, whose id differs; a contact that still reads under its
 * own id was neither deleted nor merged away, so the notice is left out. The read is made here, fresh:
 * a snapshot the contact reader kept from before the removal would say the contact still exists.
 */
export async function confirmedRemovals(
  deps: RemovalCheckDeps,
  notices: readonly HubSpotNotice[],
): Promise<HubSpotNotice[]> {
  const ids = [...new Set(notices.flatMap(removedBy))];
  if (ids.length === 0) return [...notices];
  const present = new Set((await deps.hubspot.readContacts(ids, [])).map((contact) => contact.id));
  const unconfirmed = notices.filter((notice) => removedBy(notice).some((id) => present.has(id)));
  if (unconfirmed.length === 0) return [...notices];
  for (const notice of unconfirmed) {
    deps.logger.info(
      { eventId: notice.eventId, kind: notice.kind, contactId: notice.objectId },
      'HubSpot notice ignored: the contact it removes still exists in HubSpot',
    );
  }
  deps.onUnconfirmed?.(unconfirmed.length);
  const left = new Set(unconfirmed);
  return notices.filter((notice) => !left.has(notice));
}
