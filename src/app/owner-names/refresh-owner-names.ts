import type { SalesforceInspection } from '../../../connectors/salesforce/org-inspection';
import type { Logger } from '../../shared/logger';
import type { Db } from '../../store';
import { createOwnerNameRepository, type OwnerName } from '../../store/owner-name-repository';

/** A name is read again after an hour: a renamed or deactivated user shows within the hour. */
export const OWNER_NAMES_MAX_AGE_MS = 3_600_000;
/** The inspection reads 200 ids a query; an org rarely has more lead owners than this. */
const MOST_PER_RUN = 1_000;

/** Key prefix of a queue's id (a Group of type Queue); a lead's other owners are Users (005). */
const QUEUE_PREFIX = '00G';

/** The read-only questions about the org the names come from (the same reads `leadpact doctor` makes). */
export type OwnerDirectory = Pick<SalesforceInspection, 'users' | 'queues'>;

export interface RefreshOwnerNamesDeps {
  readonly db: Db;
  readonly directory: OwnerDirectory;
  /** The org's URL the connector is logged in to, kept for record links; absent, the stored one stays. */
  readonly instanceUrl?: () => string;
  /** Real time: how old a stored name is has nothing to do with protocol time. */
  readonly now: () => number;
  readonly logger?: Logger;
}

/**
 * The names of the Users and queues that own leads, read from Salesforce and kept in the store
 * for the scorecard, the pack and `leadpact report`: owners never read yet (a new id shows up)
 * and names older than an hour. Nothing to read costs one query of the store and no API call.
 * An id Salesforce does not know (a deleted user) is stored without a name, and read again an
 * hour later like any other.
 */
export async function refreshOwnerNames(deps: RefreshOwnerNamesDeps): Promise<{ readonly read: number }> {
  const repository = createOwnerNameRepository(deps.db);
  const now = deps.now();
  if (deps.instanceUrl !== undefined) await repository.saveInstanceUrl(deps.instanceUrl().replace(/\/+$/, ''), now);
  const ids = await repository.toRead(now - OWNER_NAMES_MAX_AGE_MS, MOST_PER_RUN);
  if (ids.length === 0) return { read: 0 };
  const names = await readOwnerNames(deps.directory, ids);
  await repository.save(names, now);
  deps.logger?.debug({ read: names.length }, 'owner names read from Salesforce');
  return { read: names.length };
}

/** The inspection answers for at most 200 queue ids a call. */
const QUEUE_CHUNK = 200;

async function readQueues(directory: OwnerDirectory, ids: readonly string[]) {
  const found = [];
  for (let start = 0; start < ids.length; start += QUEUE_CHUNK)
    found.push(...(await directory.queues(ids.slice(start, start + QUEUE_CHUNK))));
  return found;
}

/** Each id's name as the org has it now: the users in one query, the queues in another. */
export async function readOwnerNames(directory: OwnerDirectory, ids: readonly string[]): Promise<readonly OwnerName[]> {
  const queueIds = ids.filter((id) => id.startsWith(QUEUE_PREFIX));
  const userIds = ids.filter((id) => !id.startsWith(QUEUE_PREFIX));
  const [users, queues] = await Promise.all([
    userIds.length === 0 ? [] : directory.users(userIds),
    readQueues(directory, queueIds),
  ]);
  // Salesforce answers with 18-character ids; the first 15 are the id itself.
  const key = (id: string) => id.slice(0, 15);
  const userById = new Map(users.map((user) => [key(user.id), user]));
  const queueById = new Map(queues.map((queue) => [key(queue.id), queue]));
  return ids.map((id): OwnerName => {
    const named = (name: string) => (name.trim() === '' ? null : name.trim());
    const queue = queueById.get(key(id));
    if (id.startsWith(QUEUE_PREFIX)) return { id, kind: 'queue', name: named(queue?.name ?? ''), active: null };
    const user = userById.get(key(id));
    const name = named(user?.name ?? '');
    return { id, kind: 'user', name, active: name === null ? null : (user?.isActive ?? null) };
  });
}
