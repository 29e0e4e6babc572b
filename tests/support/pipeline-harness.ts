import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHubSpotConnector, type HubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../connectors/salesforce/simulator';
import type { PipelineSettings } from '../../jobs/pipeline';
import { MARKETING_PROPERTIES } from '../../src/demo/marketing-properties';
import { hubspotProvisionSpec, salesforceFieldSpecs } from '../../src/provisioning/field-specs';
import { protocolForOrg } from '../../src/demo/simulated-org';
import { createMetrics, type Metrics } from '../../src/observability/metrics';
import { loadProtocol, type Protocol } from '../../src/protocol';
import { hubspotRoles } from '../../src/protocol/field-sync';
import { Lifecycle } from '../../src/service/lifecycle';
import { startRuntime, type Runtime } from '../../src/service/runtime';
import { systemClock, type Clock } from '../../src/shared/clock';
import { salesforceId } from '../../src/shared/ids';
import { silentLogger } from '../../src/shared/logger';
import { migrate } from '../../src/store/migrate';
import type { Db } from '../../src/store';
import { openTestDatabase, type TestDatabase } from './databases';
import { freePort, TEST_REDIS_URL } from './redis-server';

export interface Harness {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  readonly db: Db;
  readonly protocol: Protocol;
  readonly runtime: Runtime;
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotConnector;
  readonly metrics: Metrics;
  readonly baseUrl: string;
  readonly prefix: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly database?: 'postgres' | 'pglite';
  readonly clock?: Clock;
  readonly pipeline?: Partial<PipelineSettings>;
  /** Deliver webhooks and outbound messages to the service (default true). */
  readonly notifications?: boolean;
  readonly hubspotRatePer10s?: number;
  /** How long Salesforce sessions live (an accelerated clock would expire the default 2 h in seconds). */
  readonly salesforceSessionTtlMs?: number;
}

export const EXAMPLE_PROTOCOL = readFileSync(join(__dirname, '..', '..', 'config', 'protocol.yaml'), 'utf8');

/** Both simulators, the store, and the whole service (HTTP ingress and workers) wired as in production. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? systemClock;
  const sf = await startSalesforceSimulator({ clock: () => clock.now(), ...(options.salesforceSessionTtlMs === undefined ? {} : { sessionTtlMs: options.salesforceSessionTtlMs }) });
  const hs = await startHubSpotSimulator({ clock: () => clock.now(), webhookRetryBaseMs: 50, ratePer10s: options.hubspotRatePer10s ?? 190, searchLagMs: 0 });
  const database: TestDatabase = await openTestDatabase(options.database ?? 'postgres');
  await migrate(database.db);
  const salesforce = await createSalesforceConnector({ auth: passwordAuth(sf), loginUrl: sf.url, apiVersion: sf.apiVersion });
  // The simulator's search index has no lag here, so change reads need not wait for it to settle.
  const hubspot = createHubSpotConnector({ accessToken: hs.credentials.accessToken, baseUrl: hs.url, ratePer10s: options.hubspotRatePer10s ?? 190, searchSettleMs: 0, clock: () => clock.now() });
  const protocol = simulatedProtocol(sf);
  await salesforce.provisionFields(salesforceFieldSpecs(protocol));
  await hubspot.provision(hubspotProvisionSpec(protocol));
  await hubspot.provision(MARKETING_PROPERTIES);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const prefix = `{lp-${randomBytes(4).toString('hex')}}`;
  const metrics = createMetrics({ defaultMetrics: false });
  const lifecycle = new Lifecycle(silentLogger());
  const runtime = await startRuntime(
    {
      db: database.db, protocol, clock, logger: silentLogger(), metrics, redisUrl: TEST_REDIS_URL, prefix,
      http: { port, host: '127.0.0.1', publicUrl: baseUrl, hubspotClientSecret: hs.credentials.clientSecret, hubspotAppId: String(hs.credentials.appId), salesforceOrgId: sf.credentials.orgId },
      workers: { salesforce, hubspot, hubspotLimiter: hubspot.limiter, settings: { flushWindowMs: 50, reconcileEveryMs: 3_600_000, ...options.pipeline } },
    },
    lifecycle,
  );
  if (options.notifications !== false) connectNotifications(sf, hs, baseUrl, protocol);
  return {
    sf, hs, db: database.db, protocol, runtime, salesforce, hubspot, metrics, baseUrl, prefix,
    async close() {
      await lifecycle.shutdown(15_000);
      await runtime.pipeline?.queues.inbound.obliterate({ force: true }).catch(() => undefined);
      hubspot.close();
      await Promise.all([sf.close(), hs.close()]);
      await database.dispose();
    },
  };
}

function passwordAuth(sf: SalesforceSimulator) {
  const c = sf.credentials;
  return { kind: 'password' as const, clientId: c.clientId, clientSecret: c.clientSecret, username: c.username, password: `${c.password}${c.securityToken ?? ''}` };
}

/** The example protocol, routed to the simulated org's active users and lead queue. */
export function simulatedProtocol(sf: SalesforceSimulator): Protocol {
  const loaded = loadProtocol(EXAMPLE_PROTOCOL, 'config/protocol.yaml');
  if (!loaded.ok) throw loaded.error;
  const users = sf.records('User').filter((u) => u.IsActive === true && typeof u.Id === 'string' && u.Title !== 'API Integration');
  return protocolForOrg(loaded.value, { activeUserIds: users.map((u) => salesforceId(String(u.Id))), leadQueueId: salesforceId(sf.defaults().leadQueueId) });
}

function connectNotifications(sf: SalesforceSimulator, hs: HubSpotSimulator, baseUrl: string, protocol: Protocol): void {
  hs.setWebhookTarget(`${baseUrl}/webhooks/hubspot`);
  for (const subscription of defaultWebhookSubscriptions([...hubspotRoles(protocol).keys()])) hs.subscribe(subscription.eventType, subscription.propertyName);
  hs.subscribe('contact.privacyDeletion');
  sf.setOutbound({ url: `${baseUrl}/webhooks/salesforce`, objects: ['Lead', 'Contact', 'Opportunity', 'Task'], retryBaseMs: 50 });
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
