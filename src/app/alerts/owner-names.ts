import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { SalesforceId } from '../../shared/ids';
import type { Queryable } from '../../store/db';
import { createOwnerNameRepository } from '../../store/owner-name-repository';
import { OWNER_NAMES_MAX_AGE_MS } from '../owner-names/refresh-owner-names';

const USER_PREFIX = '005';
const KEEP_MS = OWNER_NAMES_MAX_AGE_MS;

/**
 * Owners' names for alerts: the names the workers keep in the store for the scorecard (queues
 * included), else a User's name read from Salesforce and kept an hour. A failed read gives null:
 * the alert goes out without the owner's name rather than waiting for it.
 */
export function ownerNames(
  port: Pick<SalesforcePort, 'retrieve'>,
  db?: Queryable,
): (ownerId: SalesforceId) => Promise<string | null> {
  const known = new Map<SalesforceId, { name: string | null; at: number }>();
  const stored = db === undefined ? undefined : createOwnerNameRepository(db);
  return async (ownerId) => {
    try {
      const kept = await stored?.find(ownerId);
      if (kept?.name != null && Date.now() - kept.readAt < KEEP_MS) return kept.name;
      if (!ownerId.startsWith(USER_PREFIX)) return null;
      const cached = known.get(ownerId);
      if (cached !== undefined && Date.now() - cached.at < KEEP_MS) return cached.name;
      const [user] = await port.retrieve('User', [ownerId], ['Name']);
      const name = typeof user?.fields.Name === 'string' ? user.fields.Name : null;
      known.set(ownerId, { name, at: Date.now() });
      return name;
    } catch {
      return null;
    }
  };
}
