import type { Router } from 'express';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { closeRedis, createRedis, redisReady } from '../queue/connection';
import type { WindowLimiter } from '../queue/budget';
import type { Pipeline, PipelineSettings } from '../../jobs/pipeline';
import { engineDeps, type AlertSetup } from './compose';
import type { OwnerDirectory } from '../app/owner-names/refresh-owner-names';
import type { ApplyDeps } from '../app/apply-events/apply-events';
import { createQueues, type QueueName, type Queues } from '../queue/queues';
import { createSessionVault } from '../queue/session-vault';
import { createApp } from '../http/app';
import { redisReplayGuard } from '../http/replay-guard';
import { webhookRouter } from '../http/webhooks';
import { SIGNATURE_WINDOW_MS } from '../../connectors/hubspot/webhook-signature';
import type { Metrics } from '../observability/metrics';
import type { Protocol } from '../protocol';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Db } from '../store';
import type { ChangeSourceSettings } from './cdc';
import { listen, type RunningServer } from './http-server';
import { watchStoreSync } from './sync-health';
import { startWorkers } from './workers';

export { startWorkers };
import type { Lifecycle } from './lifecycle';

export interface HttpSettings {
  readonly port: number;
  readonly host?: string;
  readonly publicUrl: string;
  readonly hubspotClientSecret: string;
  readonly hubspotAppId: string | undefined;
  /** Our HubSpot account, asked lazily by the webhook router and kept (hubspotPortalIdSource). */
  readonly hubspotPortalId: () => Promise<string>;
  readonly salesforceOrgId: string;
  /** TRUST_PROXY: the proxies that may report the client's address and scheme. */
  readonly trustProxy?: false | number | readonly string[];
  /** Routers beyond the webhooks and health (the admin API, the scorecard). */
  readonly routers?: (services: HttpServices) => readonly Router[];
}

/** What the HTTP process's own routers are given: its producer queues and the engine built on them. */
export interface HttpServices {
  readonly queues: Queues;
  readonly apply: ApplyDeps;
}

export interface RuntimeParts {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly redisUrl: string;
  /** Queue key prefix; a Redis Cluster hash tag such as {leadpact}. */
  readonly prefix: string;
  /** The HTTP ingress, when this process serves it. */
  readonly http?: HttpSettings;
  /** Without the ingress: the port a worker serves /metrics, /healthz and /readyz on, for Prometheus. */
  readonly metricsPort?: number;
  /** Secrets and record links for SLA alerts to Slack and e-mail (none: alert channels cannot send). */
  readonly alerts?: AlertSetup;
  /** The workers, when this process runs them. */
  readonly workers?: {
    readonly salesforce: SalesforcePort;
    readonly hubspot: HubSpotPort;
    readonly hubspotLimiter?: WindowLimiter;
    /**
     * Where the names of lead owners are read (the org inspection) and the org's URL the connector is
     * logged in to; both stored for the scorecard, the pack and the report. Absent: no names are read.
     */
    readonly salesforceOrg?: { readonly directory: OwnerDirectory; readonly instanceUrl?: () => string };
    readonly settings?: Partial<PipelineSettings>;
    /** The queues this process works (default all). */
    readonly processes?: readonly QueueName[];
    /** SALESFORCE_CHANGES=cdc: follow Salesforce through Change Data Capture (one subscriber across workers). */
    readonly changeSource?: ChangeSourceSettings;
  };
}

export interface Runtime {
  readonly http: RunningServer | undefined;
  readonly pipeline: Pipeline | undefined;
}

/** Starts the roles asked for on shared parts; everything opened is registered for shutdown in order. */
export async function startRuntime(parts: RuntimeParts, lifecycle: Lifecycle): Promise<Runtime> {
  let pipeline: Pipeline | undefined;
  if (parts.workers !== undefined) {
    pipeline = await startWorkers(parts, parts.workers, lifecycle);
  }
  const http =
    parts.http !== undefined
      ? await startHttp(parts, parts.http, lifecycle)
      : parts.metricsPort === undefined
        ? undefined
        : await startMetricsOnly(parts, parts.metricsPort, lifecycle);
  return { http, pipeline };
}

/** A worker's own /metrics (its CRM calls, API usage and lag), /healthz and /readyz; no webhooks, no admin. */
/**
 * A worker's own /metrics (its CRM calls are counted nowhere else). Several workers, or a worker
 * beside `serve`, on one host cannot share a port: the worker then runs without the endpoint and
 * says so, rather than not working at all.
 */
async function startMetricsOnly(
  parts: RuntimeParts,
  port: number,
  lifecycle: Lifecycle,
): Promise<RunningServer | undefined> {
  const log = parts.logger.child({ module: 'http' });
  const app = createApp({
    logger: log,
    registry: parts.metrics.registry,
    readiness: { database: () => parts.db.ping() },
  });
  let server: RunningServer;
  try {
    server = await listen(app, port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn(
      { port },
      `port ${port} is taken (another leadpact process on this host?): this worker serves no /metrics; give each worker its own PORT to have Prometheus scrape it`,
    );
    return undefined;
  }
  lifecycle.add('http', 'metrics', () => server.close());
  log.info({ port: server.port }, 'worker metrics listening');
  return server;
}

async function startHttp(parts: RuntimeParts, settings: HttpSettings, lifecycle: Lifecycle): Promise<RunningServer> {
  const log = parts.logger.child({ module: 'http' });
  // Producers fail fast while Redis is down (the sender then redelivers) instead of queueing in memory.
  const producer = createRedis(parts.redisUrl, 'ingress', log);
  lifecycle.add('connections', 'redis-producer', () => closeRedis(producer));
  await redisReady(producer).catch(() => log.warn('redis is not reachable yet; /readyz answers 503 until it is'));
  const queues = createQueues(producer, parts.prefix);
  lifecycle.add('connections', 'queues', () => queues.close());
  const webhooks = webhookRouter({
    enqueue: async (job, jobId) => {
      await queues.inbound.add(job.source, job, { jobId });
    },
    publicUrl: settings.publicUrl,
    hubspotClientSecret: settings.hubspotClientSecret,
    hubspotAppId: settings.hubspotAppId,
    hubspotPortalId: settings.hubspotPortalId,
    salesforceOrgId: settings.salesforceOrgId,
    sessions: createSessionVault(producer, parts.prefix),
    metrics: parts.metrics,
    now: () => parts.clock.now(),
    // A signature stays valid while its timestamp is within the window either side of our clock.
    replays: redisReplayGuard(producer, parts.prefix, 2 * SIGNATURE_WINDOW_MS),
  });
  watchStoreSync(parts.db, parts.metrics.registry);
  const app = createApp({
    logger: log,
    registry: parts.metrics.registry,
    publicUrl: settings.publicUrl,
    ...(settings.trustProxy === undefined ? {} : { trustProxy: settings.trustProxy }),
    readiness: {
      redis: async () => {
        await producer.ping();
      },
      database: () => parts.db.ping(),
    },
    routers: [webhooks, ...(settings.routers?.({ queues, apply: engineDeps(parts, queues) }) ?? [])],
  });
  const server = await listen(app, settings.port, settings.host);
  lifecycle.add('http', 'http', () => server.close());
  log.info({ port: server.port }, 'http ingress listening');
  return server;
}
