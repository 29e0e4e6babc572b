import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { sweepDormancy } from '../src/app/sweep-dormancy';
import { processInbound } from '../src/app/inbound/inbound.job';
import { inboundJobSchema } from '../src/app/inbound/inbound.schema';
import { DEFAULT_METRICS_EVERY_MS, publishMetrics } from '../src/app/publish-metrics';
import { reconcile, type ReconcileDeps } from '../src/app/reconcile';
import type { OutboxRelay } from '../src/app/relay/outbox-relay';
import type { Relays } from '../src/app/relay/relays';
import { DEFAULT_RELAY_SETTINGS, type RelaySettings } from '../src/app/relay/relay-settings';
import { fireTimer, sweepOverdueTimers } from '../src/app/fire-timers';
import { createAlignmentGauges, type AlignmentGauges } from '../src/metrics/prometheus';
import type { Metrics } from '../src/observability/metrics';
import { QUEUE_NAMES, type QueueName, type Queues } from '../src/queue/queues';
import { timerJobSchema } from '../src/queue/timer-scheduler';
import { LeadpactError } from '../src/shared/errors';
import type { Logger } from '../src/shared/logger';
import { repositories } from '../src/store';
import { deadLetterOnFinalFailure, rethrowForBullMQ } from './job-errors';

export interface PipelineSettings extends RelaySettings {
  readonly inboundConcurrency: number;
  readonly timerConcurrency: number;
  readonly reconcileEveryMs: number;
  readonly timerSweepEveryMs: number;
  readonly dormancyEveryMs: number;
  /** How often the alignment metrics are computed and written back to both CRMs. */
  readonly metricsEveryMs: number;
  /** How often each worker saves its API use and sync lag for the Sync Health page. */
  readonly usageSampleEveryMs: number;
  /** How often the owners of leads are looked for in the stored names (new ones, and names an hour old are read). */
  readonly ownerNamesEveryMs: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  ...DEFAULT_RELAY_SETTINGS,
  inboundConcurrency: 16,
  timerConcurrency: 8,
  reconcileEveryMs: 60_000,
  timerSweepEveryMs: 30_000,
  dormancyEveryMs: 3_600_000,
  metricsEveryMs: DEFAULT_METRICS_EVERY_MS,
  usageSampleEveryMs: 60_000,
  ownerNamesEveryMs: 30_000,
};

export interface PipelineOptions {
  /** The workers' own connection (BullMQ workers block on it). */
  readonly redis: Redis;
  readonly queues: Queues;
  /** What the processors run on, built by the composition root. */
  readonly deps: ReconcileDeps;
  readonly relays: Relays;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly settings: PipelineSettings;
  /** The queues this process works (default all three); the backfill works only the inbound one. */
  readonly processes?: readonly QueueName[];
  /** Reads the names of lead owners from Salesforce into the store (refreshOwnerNames, wired by the composition root). */
  readonly ownerNames?: () => Promise<unknown>;
}

export interface Pipeline {
  readonly queues: Queues;
  readonly relays: { readonly salesforce: OutboxRelay; readonly hubspot: OutboxRelay };
  readonly deps: ReconcileDeps;
  close(): Promise<void>;
}

/** The workers: inbound, timers and maintenance queues; the relays given are started and closed with them. */
export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const { redis, queues, deps, relays, settings } = options;
  const log = options.logger.child({ module: 'pipeline' });
  const deadLetters = repositories(deps.apply.db).deadLetters;
  const gauges = createAlignmentGauges(options.metrics.registry);
  const connection = { connection: redis, prefix: queues.prefix };
  const processes = new Set(options.processes ?? Object.values(QUEUE_NAMES));
  const processors = {
    [QUEUE_NAMES.inbound]: () =>
      worker(QUEUE_NAMES.inbound, settings.inboundConcurrency, (job) =>
        processInbound(deps, parse(inboundJobSchema, job)),
      ),
    [QUEUE_NAMES.timers]: () =>
      worker(QUEUE_NAMES.timers, settings.timerConcurrency, (job) => fireTimer(deps.apply, parse(timerJobSchema, job))),
    [QUEUE_NAMES.maintenance]: () => worker(QUEUE_NAMES.maintenance, 1, (job) => maintain(options, job.name, gauges)),
  };
  const workers = Object.values(QUEUE_NAMES)
    .filter((name) => processes.has(name))
    .map((name) => processors[name]());
  function worker(name: string, concurrency: number, run: (job: Job) => Promise<unknown>): Worker {
    const created: Worker = new Worker(
      name,
      async (job: Job) => {
        const end = options.metrics.jobDuration.startTimer({ queue: name });
        try {
          return await run(job);
        } catch (error) {
          return rethrowForBullMQ(created, error);
        } finally {
          end();
        }
      },
      { ...connection, concurrency },
    );
    created.on('error', (error) => log.error({ err: error, queue: name }, 'worker error'));
    deadLetterOnFinalFailure(created, name, deadLetters, log);
    return created;
  }
  if (processes.has(QUEUE_NAMES.maintenance)) await keepMaintenanceScheduled(redis, queues, settings, log);
  relays.start();
  return {
    queues,
    relays,
    deps,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await relays.close();
    },
  };
}

async function keepMaintenanceScheduled(
  redis: Redis,
  queues: Queues,
  settings: PipelineSettings,
  log: Logger,
): Promise<void> {
  await scheduleMaintenance(queues, settings);
  // A Redis that comes back without its data has lost the schedules with the queued jobs. Put back
  // on every reconnect (an upsert), reconciliation and the timer sweep then recover the lost work.
  redis.on('ready', () => {
    scheduleMaintenance(queues, settings).catch((error: unknown) =>
      log.error({ err: error }, 'could not restore the maintenance schedules'),
    );
  });
}

function parse<T>(
  schema: {
    safeParse(
      data: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  job: Job,
): T {
  const parsed = schema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new LeadpactError(
    'JOB_DATA_INVALID',
    `job ${job.id ?? '?'} of ${job.queueName}: ${issue?.path.map(String).join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  );
}

async function maintain(options: PipelineOptions, task: string, gauges: AlignmentGauges): Promise<unknown> {
  const { deps } = options;
  switch (task) {
    case 'metrics':
      return publishMetrics({
        db: deps.apply.db,
        protocol: deps.apply.protocol,
        clock: deps.apply.clock,
        logger: deps.logger,
        salesforce: deps.salesforce,
        hubspot: deps.hubspot,
        gauges,
      });
    case 'reconcile':
      return reconcile(deps);
    case 'timer-sweep':
      return sweepOverdueTimers(deps.apply);
    case 'dormancy':
      return sweepDormancy(deps.apply);
    case 'owner-names':
      return options.ownerNames?.() ?? null;
    default:
      throw new LeadpactError('JOB_DATA_INVALID', `unknown maintenance task ${task}`);
  }
}

/** Repeatable jobs: one schedule per task, whatever the number of workers (upsert by id). */
async function scheduleMaintenance(queues: Queues, settings: PipelineSettings): Promise<void> {
  await queues.maintenance.upsertJobScheduler('reconcile', { every: settings.reconcileEveryMs }, { name: 'reconcile' });
  await queues.maintenance.upsertJobScheduler(
    'timer-sweep',
    { every: settings.timerSweepEveryMs },
    { name: 'timer-sweep' },
  );
  await queues.maintenance.upsertJobScheduler('dormancy', { every: settings.dormancyEveryMs }, { name: 'dormancy' });
  await queues.maintenance.upsertJobScheduler('metrics', { every: settings.metricsEveryMs }, { name: 'metrics' });
  await queues.maintenance.upsertJobScheduler(
    'owner-names',
    { every: settings.ownerNamesEveryMs },
    { name: 'owner-names' },
  );
}
