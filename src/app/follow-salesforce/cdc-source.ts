import type { DecodedChange } from '../../../connectors/salesforce/pubsub/change-event-decoder';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../shared/field-specs';
import { isSalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import type { CdcReplayRepository } from '../../store/cdc-replay-repository';
import type { SalesforceCdcJob } from '../inbound/inbound.schema';
import type { CdcChange, ReconcileWindow } from '../inbound/salesforce-cdc.schema';

/**
 * Salesforce changes from Change Data Capture into the inbound queue. Each batch the subscriber
 * hands over becomes one inbound job of whole transactions (a transaction cut at the end of a full
 * batch waits for the rest, so its events are applied together); the replay id is stored only once
 * the job is queued, so a restart resumes after the last queued event and loses nothing. A job queued
 * twice (a crash between queueing and storing) has the same job id, and each event is applied once.
 */

/** Events are retained 72 hours; without a stored commit time, reconciliation covers that much. */
const RETENTION_MS = 72 * 3_600_000;

export interface CdcSourceDeps {
  readonly channel: string;
  readonly replay: CdcReplayRepository;
  readonly enqueue: (job: SalesforceCdcJob, jobId: string) => Promise<void>;
  readonly reconcileWindow: (window: ReconcileWindow) => Promise<void>;
  readonly now: () => number;
  readonly logger: Logger;
  /** Counts events taken in, and replay ids found expired (Prometheus). */
  readonly onEvents?: (count: number) => void;
  readonly onReplayExpired?: () => void;
}

/** At most this many events are held back for the rest of their transaction (a job carries 200). */
const MAX_HELD = 100;
/** How long they wait for it: the rest of a transaction follows at once when there is any. */
const HOLD_MS = 250;

export interface CdcSource {
  startAfter(): Promise<bigint | undefined>;
  onEvents(changes: readonly DecodedChange[], latestReplayId: bigint, more: boolean): Promise<void>;
  onReplayExpired(replayId: bigint): Promise<void>;
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function toJobChange(change: DecodedChange): CdcChange {
  return {
    replayId: change.replayId.toString(),
    object: change.entity,
    recordIds: change.recordIds.filter(isSalesforceId),
    changeType: change.changeType,
    transactionKey: change.transactionKey,
    sequenceNumber: change.sequenceNumber,
    commitTimestamp: change.commitTimestamp,
    fields: Object.fromEntries(Object.entries(change.fields).map(([name, value]) => [name, scalar(value)])),
  };
}

export function cdcSource(deps: CdcSourceDeps): CdcSource {
  const log = deps.logger.child({ module: 'cdc', channel: deps.channel });
  /** The start of a transaction whose end has not arrived yet (never stored as covered). */
  let held: DecodedChange[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** Batches and the held transaction's flush, one after the other. */
  let turn: Promise<void> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = turn.then(step);
    turn = next.catch(() => undefined);
    return next;
  };
  const enqueue = async (ready: readonly DecodedChange[]) => {
    const first = ready[0];
    const last = ready.at(-1);
    if (first === undefined || last === undefined) return;
    await deps.enqueue(
      { source: 'salesforce-cdc', receivedAt: deps.now(), changes: ready.map(toJobChange) },
      `cdc-${first.replayId}-${last.replayId}`,
    );
    deps.onEvents?.(ready.length);
    await deps.replay.save(deps.channel, { replayId: last.replayId, committedAt: last.commitTimestamp });
  };
  return {
    async startAfter() {
      clearTimeout(timer);
      held = [];
      return (await deps.replay.get(deps.channel))?.replayId;
    },
    onEvents(changes, latestReplayId, more) {
      return serial(async () => {
        clearTimeout(timer);
        const all = [...held, ...changes];
        held = [];
        if (all.length === 0) {
          // A keepalive: nothing pending, so the tip is a sound place to resume after.
          await deps.replay.save(deps.channel, { replayId: latestReplayId, committedAt: null });
          return;
        }
        const lastKey = all.at(-1)?.transactionKey;
        // The server stopped at num_requested: the last transaction may go on in the next batch.
        const tail = more ? all.filter((c) => c.transactionKey === lastKey) : [];
        held = tail.length < MAX_HELD ? tail : [];
        await enqueue(all.slice(0, all.length - held.length));
        // A transaction that ended with the batch has no more to come: it is not kept waiting.
        if (held.length > 0)
          timer = setTimeout(() => {
            void serial(async () => {
              const rest = held;
              held = [];
              await enqueue(rest);
            }).catch((error: unknown) => log.warn({ err: error }, 'could not queue a held CDC transaction'));
          }, HOLD_MS);
      });
    },
    async onReplayExpired(replayId) {
      const stored = await deps.replay.get(deps.channel);
      const since = stored?.committedAt ?? deps.now() - RETENTION_MS;
      log.warn(
        { replayId: replayId.toString(), since: new Date(since).toISOString() },
        'the stored CDC replay id is past the retention window: reconciliation covers the changes since then, and the subscription follows from now on',
      );
      deps.onReplayExpired?.();
      for (const object of FOLLOWED_SALESFORCE_OBJECTS)
        await deps.reconcileWindow({ object, since, reason: 'replay_expired' });
      await deps.replay.forget(deps.channel);
      held = [];
    },
  };
}
