import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { HubSpotPort } from '../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../connectors/salesforce/salesforce-port';
import type { Metrics } from '../src/observability/metrics';
import type { Protocol } from '../src/protocol';
import type { Clock } from '../src/shared/clock';
import { LeadpactError } from '../src/shared/errors';
import type { Logger } from '../src/shared/logger';
import { repositories, type Db } from '../src/store';
import type { ApplyDeps } from '../src/app/apply-events/apply-events';
import { lowPriorityGate, type WindowLimiter } from '../src/queue/budget';
import { closeRedis, createRedis } from '../src/queue/connection';
import { sweepDormancy } from '../src/app/sweep-dormancy';
import { DEFAULT_METRICS_EVERY_MS, publishMetrics } from '../src/app/publish-metrics';
import { createAlignmentGauges, type AlignmentGauges } from '../src/metrics/prometheus';
import { createEchoMemory } from '../src/queue/echo-memory';
import { createContactReader } from '../src/app/inbound/contact-reader';
import { contactPropertiesToRead } from '../src/app/inbound/hubspot-changes';
import { processInbound, type InboundDeps } from '../src/app/inbound/inbound.job';
import { inboundJobSchema } from '../src/app/inbound/inbound.schema';
import { deadLetterOnFinalFailure, rethrowForBullMQ } from './job-errors';
import { createPauseGate } from '../src/queue/pause-gate';
import { createQueues, QUEUE_NAMES, type Queues } from '../src/queue/queues';
import { reconcile, type ReconcileDeps } from '../src/app/reconcile';
import { hubspotSender } from '../src/app/relay/hubspot-sender';
import { OutboxRelay } from '../src/app/relay/outbox-relay';
import { createOwnerPicker } from '../src/app/relay/owner-picker';
import { salesforceSender } from '../src/app/relay/salesforce-sender';
import { createSeenEvents } from '../src/queue/seen-events';
import { createTimerScheduler, timerJobSchema } from '../src/queue/timer-scheduler';
import { fireTimer, sweepOverdueTimers } from '../src/app/fire-timers';

export interface PipelineSettings {
  readonly inboundConcurrency: number;
  readonly timerConcurrency: number;
  /** How long a partial Salesforce batch may wait for company before it is sent anyway. */
  readonly flushWindowMs: number;
  /**
   * The same for HubSpot feedback, which no one waits for by the second: long enough for a
   * hand-off's write and its completion's to leave as one record.
   */
  readonly hubspotFlushWindowMs: number;
  /**
   * Batches each CRM's relay keeps in flight. One at a time, a call's round trip and the ledger's
   * bookkeeping around it, not the API budget, set the pace of a backlog.
   */
  readonly relayConcurrency: number;
  readonly maxWriteAttempts: number;
  readonly reconcileEveryMs: number;
  readonly timerSweepEveryMs: number;
  readonly dormancyEveryMs: number;
  /** How often the alignment metrics are computed and written back to both CRMs. */
  readonly metricsEveryMs: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  inboundConcurrency: 16,
  timerConcurrency: 8,
  flushWindowMs: 200,
  hubspotFlushWindowMs: 1_000,
  relayConcurrency: 3,
  maxWriteAttempts: 10,
  reconcileEveryMs: 60_000,
  timerSweepEveryMs: 30_000,
  dormancyEveryMs: 3_600_000,
  metricsEveryMs: DEFAULT_METRICS_EVERY_MS,
};

export interface PipelineOptions {
  readonly db: Db;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotPort;
  /** The HubSpot connector's rate limiter, so reconciliation can leave the window to live work. */
  readonly hubspotLimiter?: WindowLimiter;
  readonly settings?: Partial<PipelineSettings>;
}

export interface Pipeline {
  readonly queues: Queues;
  readonly relays: { readonly salesforce: OutboxRelay; readonly hubspot: OutboxRelay };
  readonly deps: ReconcileDeps;
  close(): Promise<void>;
}

/** The workers: inbound, timers and maintenance queues, and one outbox relay per CRM. */
export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const settings = { ...DEFAULT_PIPELINE_SETTINGS, ...options.settings };
  const log = options.logger.child({ module: 'pipeline' });
  const redis = createRedis(options.redisUrl, 'worker', log);
  const queues = createQueues(redis, options.prefix);
  const deps = pipelineDeps(options, redis, queues);
  const gate = createPauseGate(redis, options.prefix);
  const deadLetters = repositories(options.db).deadLetters;
  const gauges = createAlignmentGauges(options.metrics.registry);
  const relays = {
    salesforce: new OutboxRelay({
      crm: 'salesforce',
      db: options.db,
      gate,
      logger: log,
      batchSize: 200,
      flushWindowMs: settings.flushWindowMs,
      maxAttempts: settings.maxWriteAttempts,
      concurrency: settings.relayConcurrency,
      send: salesforceSender({
        port: options.salesforce,
        picker: createOwnerPicker(redis, options.prefix),
        apply: deps.apply,
        gate,
        maxAttempts: settings.maxWriteAttempts,
      }),
    }),
    hubspot: new OutboxRelay({
      crm: 'hubspot',
      db: options.db,
      gate,
      logger: log,
      batchSize: 100,
      flushWindowMs: settings.hubspotFlushWindowMs,
      maxAttempts: settings.maxWriteAttempts,
      concurrency: settings.relayConcurrency,
      send: hubspotSender({ port: options.hubspot, echo: deps.echo }),
    }),
  };
  const connection = { connection: redis, prefix: options.prefix };
  const workers = [
    worker(QUEUE_NAMES.inbound, settings.inboundConcurrency, (job) =>
      processInbound(deps, parse(inboundJobSchema, job)),
    ),
    worker(QUEUE_NAMES.timers, settings.timerConcurrency, (job) => fireTimer(deps.apply, parse(timerJobSchema, job))),
    worker(QUEUE_NAMES.maintenance, 1, (job) => maintain(deps, job.name, gauges)),
  ];
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
  await scheduleMaintenance(queues, settings);
  // A Redis that comes back without its data has lost the schedules with the queued jobs. Put back
  // on every reconnect (an upsert), reconciliation and the timer sweep then recover the lost work.
  redis.on('ready', () => {
    scheduleMaintenance(queues, settings).catch((error: unknown) =>
      log.error({ err: error }, 'could not restore the maintenance schedules'),
    );
  });
  relays.salesforce.start();
  relays.hubspot.start();
  return {
    queues,
    relays,
    deps,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([relays.salesforce.close(), relays.hubspot.close()]);
      await queues.close();
      await closeRedis(redis);
    },
  };
}

function pipelineDeps(options: PipelineOptions, redis: Redis, queues: Queues): ReconcileDeps {
  const apply: ApplyDeps = {
    db: options.db,
    protocol: options.protocol,
    clock: options.clock,
    timers: createTimerScheduler(queues.timers, options.clock),
    logger: options.logger.child({ module: 'decide' }),
    onMetric: (name, _labels, value) => options.metrics.protocolEvents.inc({ name }, value),
  };
  const properties = contactPropertiesToRead(options.protocol);
  const inbound: InboundDeps = {
    apply,
    hubspot: options.hubspot,
    salesforce: options.salesforce,
    // A quarter of a second gathers several webhook requests' contacts into one batch read; the
    // benchmark shows the hand-off latency stays well inside a second at 500 events/s.
    reader: createContactReader({ port: options.hubspot, properties, windowMs: 250 }),
    echo: createEchoMemory(redis, options.prefix),
    seen: createSeenEvents(redis, options.prefix),
    logger: options.logger.child({ module: 'inbound' }),
    properties,
  };
  const gates = {
    hubspot: lowPriorityGate(() => options.hubspot.usage(), options.hubspotLimiter),
    salesforce: lowPriorityGate(() => options.salesforce.usage()),
  };
  return { ...inbound, salesforce: options.salesforce, gates, startAt: () => Date.now() - 60_000 };
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

async function maintain(deps: ReconcileDeps, task: string, gauges: AlignmentGauges): Promise<unknown> {
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
}
