import type { Redis } from 'ioredis';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { AlertRelay } from '../app/alerts/alert-relay';
import { ownerNames } from '../app/alerts/owner-names';
import { refreshOwnerNames, type OwnerDirectory } from '../app/owner-names/refresh-owner-names';
import { alertTransports, type SecretLookup } from '../app/alerts/transports';
import type { ApplyDeps } from '../app/apply-events/apply-events';
import { batchedRetrieve } from '../app/inbound/batched-retrieve';
import { createContactReader } from '../app/inbound/contact-reader';
import { outcomeQueue } from '../app/inbound/write-outcomes';
import { contactPropertiesToRead } from '../app/inbound/hubspot-changes';
import type { ReconcileDeps } from '../app/reconcile';
import { hubspotSender } from '../app/relay/hubspot-sender';
import { OutboxRelay, type RelayOptions } from '../app/relay/outbox-relay';
import type { Relays } from '../app/relay/relays';
import { createOwnerPicker } from '../app/relay/owner-picker';
import { BATCH_SIZE, DEFAULT_RELAY_SETTINGS, type RelaySettings } from '../app/relay/relay-settings';
import { salesforceSender } from '../app/relay/salesforce-sender';
import type { Metrics } from '../observability/metrics';
import type { Protocol } from '../protocol';
import { lowPriorityGate, type WindowLimiter } from '../queue/budget';
import { createEchoMemory } from '../queue/echo-memory';
import { createPauseGate } from '../queue/pause-gate';
import type { Queues } from '../queue/queues';
import { createSeenEvents } from '../queue/seen-events';
import { createSessionVault } from '../queue/session-vault';
import { createTimerScheduler } from '../queue/timer-scheduler';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Db } from '../store';

/**
 * The composition root: the one place the engine's dependencies and the relays are built, for
 * every entry point (start, serve, work, each CLI command, the demo and the test harness). What
 * differs between them is what they are given (a clock, a registry, settings), never how a piece
 * is put together.
 */

/** What every process has before it builds anything. */
export interface CoreParts {
  readonly db: Db;
  readonly protocol: Protocol;
  /** Protocol time (the demo accelerates it). */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * What the engine needs to apply events: the store, the protocol, the clock, the timer queue, and
 * the Prometheus counter of its outcomes, which every path that decides (webhooks, timers, admin
 * actions, backfill) must move.
 */
export function engineDeps(parts: CoreParts, queues: Pick<Queues, 'timers'>): ApplyDeps {
  return {
    db: parts.db,
    protocol: parts.protocol,
    clock: parts.clock,
    timers: createTimerScheduler(queues.timers, parts.clock),
    logger: parts.logger.child({ module: 'decide' }),
    onMetric: (name, _labels, value) => parts.metrics.protocolEvents.inc({ name }, value),
  };
}

export interface CrmPorts {
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotPort;
  /** The HubSpot connector's rate limiter, so low-priority readers leave the window to live work. */
  readonly hubspotLimiter?: WindowLimiter;
}

export interface RelayParts {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly redis: Redis;
  /** Hand-off and reassignment outcomes go to the inbound queue, for whichever worker runs it. */
  readonly queues: Pick<Queues, 'inbound' | 'prefix'>;
  readonly crms: CrmPorts;
  readonly settings?: Partial<RelaySettings>;
  /** Told of each batch a relay sent (the sync lag is timed from it). */
  readonly onBatch?: RelayOptions['onBatch'];
  readonly alerts?: AlertSetup;
}

/** What SLA alerts to Slack and e-mail need beyond the protocol: its named secrets, and where records open. */
export interface AlertSetup {
  readonly secret: SecretLookup;
  readonly instanceUrl: () => string | null;
}

/** The alert relay, when the protocol routes alerts anywhere (alerts.routes); none keeps the Tasks alone. */
function createAlertRelay(parts: RelayParts): AlertRelay | null {
  if (parts.protocol.alerts.routes.length === 0) return null;
  return new AlertRelay({
    db: parts.db,
    transports: alertTransports(parts.protocol.alerts.channels, parts.alerts?.secret ?? (() => undefined)),
    clock: parts.clock,
    logger: parts.logger.child({ module: 'alerts' }),
    instanceUrl: parts.alerts?.instanceUrl ?? (() => null),
    ownerName: ownerNames(parts.crms.salesforce, parts.db),
  });
}

/**
 * One outbox relay per CRM, sharing the pause gate, the round-robin counters and the echo memory
 * in Redis with every other process: leases keep a row from being sent twice.
 */
export function createRelays(parts: RelayParts): Relays {
  const settings = { ...DEFAULT_RELAY_SETTINGS, ...parts.settings };
  const { prefix } = parts.queues;
  const gate = createPauseGate(parts.redis, prefix);
  const logger = parts.logger.child({ module: 'relay' });
  const common = {
    db: parts.db,
    gate,
    logger,
    maxAttempts: settings.maxWriteAttempts,
    ...(parts.onBatch === undefined ? {} : { onBatch: parts.onBatch }),
  };
  const concurrency = settings.relayConcurrency;
  const salesforce = new OutboxRelay({
    ...common,
    crm: 'salesforce',
    batchSize: BATCH_SIZE.salesforce,
    flushWindowMs: settings.flushWindowMs,
    concurrency,
    send: salesforceSender({
      port: parts.crms.salesforce,
      picker: createOwnerPicker(parts.redis, prefix),
      protocol: parts.protocol,
      clock: parts.clock,
      logger,
      outcomes: outcomeQueue(parts.queues.inbound),
      gate,
      maxAttempts: settings.maxWriteAttempts,
    }),
  });
  const hubspot = new OutboxRelay({
    ...common,
    crm: 'hubspot',
    batchSize: BATCH_SIZE.hubspot,
    flushWindowMs: settings.hubspotFlushWindowMs,
    concurrency,
    send: hubspotSender({ port: parts.crms.hubspot, echo: createEchoMemory(parts.redis, prefix) }),
  });
  const alerts = createAlertRelay(parts);
  return {
    salesforce,
    hubspot,
    start() {
      salesforce.start();
      hubspot.start();
      alerts?.start();
    },
    async close() {
      await Promise.all([salesforce.close(), hubspot.close(), alerts?.close()]);
    },
  };
}

/** A quarter of a second gathers several webhook requests' contacts into one batch read. */
const CONTACT_READ_WINDOW_MS = 250;
/** The same for the records of several outbound messages, read back in one call per object. */
const RECORD_READ_WINDOW_MS = 250;

/** The port, but its retrieve shared by concurrent inbound jobs (reconcile and the relays call it directly). */
function withBatchedRetrieve(port: SalesforcePort): SalesforcePort {
  const retrieve = batchedRetrieve(port, RECORD_READ_WINDOW_MS);
  return new Proxy(port, {
    get(target, name): unknown {
      if (name === 'retrieve') return retrieve;
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** What the inbound, timer and maintenance processors run on. */
export function workerDeps(parts: CoreParts, apply: ApplyDeps, redis: Redis, prefix: string, crms: CrmPorts) {
  const properties = contactPropertiesToRead(parts.protocol);
  const deps: ReconcileDeps = {
    apply,
    hubspot: crms.hubspot,
    salesforce: withBatchedRetrieve(crms.salesforce),
    reader: createContactReader({ port: crms.hubspot, properties, windowMs: CONTACT_READ_WINDOW_MS }),
    echo: createEchoMemory(redis, prefix),
    seen: createSeenEvents(redis, prefix),
    sessions: createSessionVault(redis, prefix),
    onRefused: (code) => parts.metrics.webhookRefusals.inc({ source: 'salesforce', code }),
    logger: parts.logger.child({ module: 'inbound' }),
    properties,
    gates: {
      hubspot: lowPriorityGate(() => crms.hubspot.usage(), crms.hubspotLimiter),
      salesforce: lowPriorityGate(() => crms.salesforce.usage()),
    },
    startAt: () => Date.now() - 60_000,
  };
  return deps;
}

/** The maintenance task that keeps the names of lead owners (and the org's URL) in the store for the pages and the report. */
export function ownerNamesRefresh(
  parts: CoreParts,
  org: { readonly directory: OwnerDirectory; readonly instanceUrl?: () => string },
): () => Promise<unknown> {
  const logger = parts.logger.child({ module: 'owner-names' });
  return () =>
    refreshOwnerNames({
      db: parts.db,
      directory: org.directory,
      now: Date.now,
      logger,
      ...(org.instanceUrl === undefined ? {} : { instanceUrl: org.instanceUrl }),
    });
}
