import type { HubSpotContact, HubSpotPort } from '../../../connectors/hubspot/hubspot-port';
import type { HubSpotContactId } from '../../shared/ids';
import { moreWaitMs } from './batch-window';

/** Reads contacts for many concurrent callers in shared batches of up to 100. */
export interface ContactReader {
  /** The current state of each contact whose change occurred at or before `occurredAt[i]` (missing ones are absent). */
  read(requests: readonly { readonly id: HubSpotContactId; readonly occurredAt: number }[]): Promise<HubSpotContact[]>;
  /** Notes that a contact's state as of its `updatedAt` has been applied; see `covered`. */
  applied(contact: HubSpotContact): void;
  /** Whether a change that occurred at `occurredAt` is already reflected in a state we applied. */
  covered(id: HubSpotContactId, occurredAt: number): boolean;
}

export interface ContactReaderOptions {
  readonly port: Pick<HubSpotPort, 'readContacts'>;
  readonly properties: readonly string[];
  /** How long a partial batch waits for other callers' ids. */
  readonly windowMs?: number;
  /** How long a partial batch may wait in all when ids keep coming fast enough to fill it (default twice the window). */
  readonly maxWaitMs?: number;
  /** How many applied contact states to remember. */
  readonly remember?: number;
  readonly now?: () => number;
}

/** HubSpot's batch read takes at most 100 inputs. */
const BATCH = 100;
/** Snapshots kept for reuse; a burst's contacts arrive within seconds of one another. */
const RECENT = 20_000;

interface Read {
  readonly startedAt: number;
  readonly result: Promise<HubSpotContact | undefined>;
}

/**
 * HubSpot delivers a creation and one property change per property as separate events, spread over
 * many webhook requests; read per request, one contact costs several reads. This reader merges the
 * ids of every caller within a short window into full batches of distinct contacts, lets a caller
 * share a read already in flight when that read started after the caller's change, reuses a recent
 * snapshot that already reflects the change, and remembers which state of each contact was applied,
 * so an event that state already reflects needs no read at all.
 */
export function createContactReader(options: ContactReaderOptions): ContactReader {
  const now = options.now ?? Date.now;
  const waiting = new Map<
    HubSpotContactId,
    { resolve: (c: HubSpotContact | undefined) => void; reject: (e: unknown) => void }[]
  >();
  const inFlight = new Map<HubSpotContactId, Read>();
  const appliedAt = new Map<HubSpotContactId, number>();
  // The newest snapshot read of each contact: a later event it already reflects reuses it.
  const recent = new Map<HubSpotContactId, HubSpotContact>();
  const remember = (contact: HubSpotContact): void => {
    recent.delete(contact.id);
    recent.set(contact.id, contact);
    if (recent.size > RECENT) recent.delete(recent.keys().next().value as HubSpotContactId);
  };
  const windowMs = options.windowMs ?? 25;
  const maxWaitMs = options.maxWaitMs ?? 2 * windowMs;
  let timer: NodeJS.Timeout | undefined;
  let extended = false;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    extended = false;
    const ids = [...waiting.keys()];
    for (let start = 0; start < ids.length; start += BATCH) send(ids.slice(start, start + BATCH));
  };

  const send = (ids: HubSpotContactId[]): void => {
    const startedAt = now();
    const batch = options.port
      .readContacts(ids, options.properties)
      .then((contacts) => new Map(contacts.map((c) => [c.id, c])));
    for (const id of ids) {
      const callers = waiting.get(id) ?? [];
      waiting.delete(id);
      const result = batch.then((found) => {
        const contact = found.get(id);
        if (contact !== undefined) remember(contact);
        return contact;
      });
      const read = { startedAt, result };
      inFlight.set(id, read);
      void result
        .then(
          (contact) => callers.forEach((caller) => caller.resolve(contact)),
          (error: unknown) => callers.forEach((caller) => caller.reject(error)),
        )
        .finally(() => {
          if (inFlight.get(id) === read) inFlight.delete(id);
        });
    }
  };

  const windowEnded = (): void => {
    const more = extended ? 0 : moreWaitMs(waiting.size, BATCH, windowMs, maxWaitMs);
    if (more === 0) return flush();
    extended = true;
    timer = setTimeout(flush, more);
  };

  const one = (id: HubSpotContactId, occurredAt: number): Promise<HubSpotContact | undefined> => {
    const known = recent.get(id);
    if (known !== undefined && Date.parse(known.updatedAt) >= occurredAt) return Promise.resolve(known);
    const current = inFlight.get(id);
    if (current !== undefined && current.startedAt > occurredAt) return current.result;
    return new Promise((resolve, reject) => {
      waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
      if (waiting.size >= BATCH) flush();
      else timer ??= setTimeout(windowEnded, windowMs);
    });
  };

  return {
    async read(requests) {
      const latest = new Map<HubSpotContactId, number>();
      for (const { id, occurredAt } of requests)
        latest.set(id, Math.max(occurredAt, latest.get(id) ?? Number.NEGATIVE_INFINITY));
      const contacts = await Promise.all([...latest].map(([id, occurredAt]) => one(id, occurredAt)));
      return contacts.filter((contact): contact is HubSpotContact => contact !== undefined);
    },
    applied(contact) {
      const at = Date.parse(contact.updatedAt);
      if (Number.isNaN(at)) return;
      const previous = appliedAt.get(contact.id) ?? Number.NEGATIVE_INFINITY;
      appliedAt.delete(contact.id);
      appliedAt.set(contact.id, Math.max(at, previous));
      if (appliedAt.size > (options.remember ?? 100_000))
        appliedAt.delete(appliedAt.keys().next().value as HubSpotContactId);
    },
    covered: (id, occurredAt) => (appliedAt.get(id) ?? Number.NEGATIVE_INFINITY) >= occurredAt,
  };
}
