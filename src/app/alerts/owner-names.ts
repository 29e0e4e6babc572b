import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { SalesforceId } from '../../shared/ids';

const USER_PREFIX = '005';
const KEEP_MS = 3_600_000;

/**
 * Users' names for alerts, read from Salesforce and kept an hour. A queue or a failed read gives
 * null: the alert goes out without the owner's name rather than waiting for it.
 */
export function ownerNames(port: Pick<SalesforcePort, 'retrieve'>): (ownerId: SalesforceId) => Promise<string | null> {
  const known = new Map<SalesforceId, { name: string | null; at: number }>();
  return async (ownerId) => {
    if (!ownerId.startsWith(USER_PREFIX)) return null;
    const cached = known.get(ownerId);
    if (cached !== undefined && Date.now() - cached.at < KEEP_MS) return cached.name;
    try {
      const [user] = await port.retrieve('User', [ownerId], ['Name']);
      const name = typeof user?.fields.Name === 'string' ? user.fields.Name : null;
      known.set(ownerId, { name, at: Date.now() });
      return name;
    } catch {
      return null;
    }
  };
}
