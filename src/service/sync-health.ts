import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import { directionInto, SyncRecorder, writeLags } from '../app/sync-health/sync-recorder';
import type { RowOutcome } from '../app/relay/outbox-relay';
import type { Metrics } from '../observability/metrics';
import { watchApiUsage, watchSyncFigures } from '../observability/sync-gauges';
import type { CrmCall } from '../shared/crm-calls';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Db, OutboxRow } from '../store';
import { createSyncHealthRepository } from '../store/sync-health-repository';
import type { CrmPorts } from './compose';
import type { Lifecycle } from './lifecycle';
import type { Env } from '../config/env';
import type { RecordLinks } from '../http/sync-health/sync-health-page';

export interface SyncWatchParts {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** What the relays are given so each write they complete is timed from the change that caused it. */
export type BatchObserver = (rows: readonly OutboxRow[], outcomes: readonly RowOutcome[]) => void;

/**
 * A worker process's sync health: every CRM call counted (Prometheus and the per-minute samples
 * the Sync Health page charts), the API allocation gauges, and the lag of each write the relays
 * complete. Samples are saved every `sampleEveryMs` and once more at shutdown.
 */
export function watchWorkerSync(
  parts: SyncWatchParts,
  crms: CrmPorts,
  sampleEveryMs: number,
  lifecycle: Lifecycle,
): BatchObserver {
  const recorder = new SyncRecorder({
    db: parts.db,
    now: () => parts.clock.now(),
    process: `${hostname()}:${process.pid}`,
    usage: { salesforce: () => crms.salesforce.usage(), hubspot: () => crms.hubspot.usage() },
    logger: parts.logger.child({ module: 'sync-health' }),
  });
  const count = (call: CrmCall) => {
    parts.metrics.crmCalls.inc({ crm: call.crm, operation: call.operation, outcome: call.outcome }, call.requests);
    recorder.recordCall(call);
  };
  crms.salesforce.observeCalls(count);
  crms.hubspot.observeCalls(count);
  if (!registered(parts.metrics.registry, 'leadpact_crm_api_daily_used'))
    watchApiUsage(parts.metrics.registry, [
      { crm: 'salesforce', usage: () => crms.salesforce.usage() },
      { crm: 'hubspot', usage: () => crms.hubspot.usage() },
    ]);
  const timer = setInterval(() => void recorder.flush(), sampleEveryMs);
  timer.unref();
  lifecycle.add('workers', 'sync-samples', async () => {
    clearInterval(timer);
    await recorder.flush();
  });
  return (rows, outcomes) => {
    for (const lag of writeLags(rows, outcomes, parts.clock.now())) {
      parts.metrics.syncLag.observe({ direction: directionInto(lag.crm) }, lag.seconds);
      recorder.recordLag(lag.crm, lag.seconds);
    }
  };
}

/** The store's figures (outbox, dead letters, SLA clocks) on the registry that /metrics serves, once. */
export function watchStoreSync(db: Db, registry: Registry): void {
  if (registered(registry, 'leadpact_outbox_rows')) return;
  const repository = createSyncHealthRepository(db);
  watchSyncFigures(registry, () => repository.figures());
}

function registered(registry: Registry, name: string): boolean {
  return registry.getSingleMetric(name) !== undefined;
}

const GENERIC_LOGINS = new Set(['https://login.salesforce.com', 'https://test.salesforce.com']);

/**
 * Where the Sync Health page links records: the HubSpot account (asked lazily, kept) and the org's
 * own URL, when the environment names one (an instance URL, or a My Domain login URL).
 */
export function recordLinksFromEnv(env: Env, portalId: () => Promise<string>): () => Promise<RecordLinks> {
  const auth = env.salesforce.auth;
  const salesforceUrl =
    auth?.kind === 'token'
      ? auth.instanceUrl
      : GENERIC_LOGINS.has(env.salesforce.loginUrl)
        ? undefined
        : env.salesforce.loginUrl;
  return async () => ({
    ...(salesforceUrl === undefined ? {} : { salesforceUrl }),
    hubspotPortalId: await portalId(),
  });
}
