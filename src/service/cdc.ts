import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import type { PubSubSession } from '../../connectors/salesforce/pubsub/cdc-subscriber';
import { cdcSource } from '../app/follow-salesforce/cdc-source';
import { openReconcileWindow } from '../app/follow-salesforce/reconcile-window';
import type { ReconcileWindow } from '../app/inbound/salesforce-cdc.schema';
import { holdLease, RedisLease } from '../queue/lease';
import type { Queues } from '../queue/queues';
import type { Logger } from '../shared/logger';
import { repositories, type Db } from '../store';
import type { Lifecycle } from './lifecycle';

/** How this worker follows Salesforce changes through Change Data Capture (SALESFORCE_CHANGES=cdc). */
export interface ChangeSourceSettings {
  /** host:port of the Pub/Sub API. */
  readonly endpoint: string;
  /** A PEM certificate to trust besides the system's (a simulator's self-signed one). */
  readonly trustedCertificate?: string | undefined;
  /** The channel: /data/ChangeEvents, or a custom channel /data/Name__chn. */
  readonly channel: string;
  readonly session: () => Promise<PubSubSession>;
  readonly refreshSession: () => Promise<void>;
  /** How long the subscriber's lease lives unrenewed (default 15 s): a dead holder's channel is taken over after it. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly backoffMs?: { readonly initial: number; readonly max: number };
}

interface CdcCounters {
  readonly events: Counter;
  readonly expired: Counter;
  readonly windows: Counter<'reason'>;
}

function counters(registry: Registry): CdcCounters {
  const get = <T extends string>(name: string, help: string, labelNames: T[]): Counter<T> => {
    const existing = registry.getSingleMetric(name);
    return existing instanceof Counter ? existing : new Counter({ name, help, labelNames, registers: [registry] });
  };
  return {
    events: get('leadpact_cdc_events_total', 'Salesforce change events queued from Change Data Capture', []),
    expired: get(
      'leadpact_cdc_replay_expired_total',
      'Times the stored CDC replay id was past the retention window (a reconciliation window ran instead)',
      [],
    ),
    windows: get(
      'leadpact_cdc_reconcile_windows_total',
      'Reconciliation windows CDC asked for, by reason (delete, gap_overflow, replay_expired)',
      ['reason'],
    ),
  };
}

/** Asks for a reconciliation run now (one per five seconds at most: a burst of deletes asks once). */
export function reconcileRequester(queues: Queues, now: () => number): () => Promise<void> {
  return async () => {
    await queues.maintenance.add('reconcile', {}, { jobId: `reconcile-cdc-${Math.floor(now() / 5_000)}` });
  };
}

export function reconcileWindows(
  db: Db,
  queues: Queues,
  registry: Registry,
  now: () => number,
): (window: ReconcileWindow) => Promise<void> {
  const windows = counters(registry).windows;
  const request = reconcileRequester(queues, now);
  return async (window) => {
    windows.inc({ reason: window.reason });
    await openReconcileWindow(db, window, request);
  };
}

/**
 * The CDC subscriber of this worker, run only while it holds the channel's lease: of N workers,
 * exactly one subscribes; when it dies its lease lapses and another takes the channel over,
 * resuming after the stored replay id.
 */
export function startChangeSource(
  parts: { readonly db: Db; readonly logger: Logger; readonly registry: Registry; readonly now: () => number },
  settings: ChangeSourceSettings,
  redis: Redis,
  queues: Queues,
  lifecycle: Lifecycle,
): RedisLease {
  const log = parts.logger.child({ module: 'cdc', channel: settings.channel });
  const metrics = counters(parts.registry);
  const batchSize = settings.batchSize ?? 100;
  const source = cdcSource({
    channel: settings.channel,
    replay: repositories(parts.db).cdcReplay,
    enqueue: async (job, jobId) => {
      await queues.inbound.add(job.source, job, { jobId });
    },
    reconcileWindow: reconcileWindows(parts.db, queues, parts.registry, parts.now),
    now: parts.now,
    logger: parts.logger,
    onEvents: (count) => metrics.events.inc(count),
    onReplayExpired: () => metrics.expired.inc(),
  });
  const lease = new RedisLease(redis, `${queues.prefix}:cdc-lease:${settings.channel}`, settings.leaseMs ?? 15_000);
  const holder = holdLease({
    lease,
    onError: (error) => log.warn({ err: error }, 'the CDC lease could not be checked; trying again'),
    whileHeld: async () => {
      log.info('this worker holds the CDC channel: subscribing');
      // Loaded here, not at the top: gRPC and Avro (~30 MB) stay out of processes that never subscribe (backfill).
      const { CdcSubscriber } = await import('../../connectors/salesforce/pubsub/cdc-subscriber.js');
      const subscriber = new CdcSubscriber({
        endpoint: settings.endpoint,
        trustedCertificate: settings.trustedCertificate,
        topic: settings.channel,
        session: settings.session,
        refreshSession: settings.refreshSession,
        startAfter: () => source.startAfter(),
        onEvents: (changes, latest, more) => source.onEvents(changes, latest, more),
        onReplayExpired: (replayId) => source.onReplayExpired(replayId),
        onError: (error) => log.warn({ err: error }, 'the CDC subscription failed; reconnecting'),
        batchSize,
        ...(settings.backoffMs === undefined ? {} : { backoffMs: settings.backoffMs }),
      });
      await subscriber.start();
      return async () => {
        log.info('this worker no longer holds the CDC channel: unsubscribing');
        await subscriber.stop();
      };
    },
  });
  lifecycle.add('workers', 'cdc-subscriber', () => holder.close());
  return lease;
}
