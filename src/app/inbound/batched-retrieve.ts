import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { SalesforceRecord } from '../../shared/field-specs';
import type { SalesforceId } from '../../shared/ids';
import { moreWaitMs } from './batch-window';

type Retrieve = SalesforcePort['retrieve'];

/** sObject Collections' retrieve takes up to 2,000 ids a call; a full batch goes at once. */
const FULL = 2_000;

interface Caller {
  readonly ids: ReadonlySet<SalesforceId>;
  resolve(records: readonly SalesforceRecord[]): void;
  reject(error: unknown): void;
}

interface Pending {
  readonly object: Parameters<Retrieve>[0];
  readonly fields: readonly string[];
  readonly ids: Set<SalesforceId>;
  readonly callers: Caller[];
  timer: NodeJS.Timeout | undefined;
  extended: boolean;
}

/**
 * Outbound messages are read back record by record of each message, and Salesforce sends a burst
 * of changes as many small messages: read per message, a burst costs a call per message. This
 * retrieve gathers the ids every caller asks for the same object and fields within a short window
 * into one call (each caller gets back only the records it asked for), as the HubSpot contact reader
 * does for webhooks.
 */
export function batchedRetrieve(
  port: Pick<SalesforcePort, 'retrieve'>,
  windowMs: number,
  // Read-backs of Salesforce's own notifications have no latency goal; a burst fills far larger batches.
  maxWaitMs = 4 * windowMs,
): Retrieve {
  const pending = new Map<string, Pending>();

  const windowEnded = (key: string): void => {
    const batch = pending.get(key);
    const more = batch === undefined || batch.extended ? 0 : moreWaitMs(batch.ids.size, FULL, windowMs, maxWaitMs);
    if (batch === undefined || more === 0) return flush(key);
    batch.extended = true;
    batch.timer = setTimeout(() => flush(key), more);
  };

  const flush = (key: string): void => {
    const batch = pending.get(key);
    if (batch === undefined) return;
    pending.delete(key);
    clearTimeout(batch.timer);
    port.retrieve(batch.object, [...batch.ids], batch.fields).then(
      (records) => {
        for (const caller of batch.callers) caller.resolve(records.filter((record) => caller.ids.has(record.id)));
      },
      (error: unknown) => {
        for (const caller of batch.callers) caller.reject(error);
      },
    );
  };

  return (object, ids, fields) => {
    if (ids.length === 0) return Promise.resolve([]);
    const key = `${object}\n${[...fields].sort().join(',')}`;
    return new Promise((resolve, reject) => {
      const batch = pending.get(key) ?? {
        object,
        fields,
        ids: new Set(),
        callers: [],
        timer: undefined,
        extended: false,
      };
      pending.set(key, batch);
      for (const id of ids) batch.ids.add(id);
      batch.callers.push({ ids: new Set(ids), resolve, reject });
      if (batch.ids.size >= FULL) flush(key);
      else batch.timer ??= setTimeout(() => windowEnded(key), windowMs);
    });
  };
}
