import { createHubSpotConnector, type HubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { closeRedis, createRedis } from '../queue/connection';
import type { PipelineSettings } from '../../jobs/pipeline';
import { deleteKeysWithPrefix } from '../queue/redis-keys';
import { outboundMessageFields } from '../app/inbound/salesforce-fields';
import { createMetrics, type Metrics } from '../observability/metrics';
import { CAMPAIGN_METRICS_OBJECT, CAMPAIGN_METRICS_SCHEMA } from '../metrics/writeback-spec';
import { type Protocol } from '../protocol';
import { loadProtocol } from '../config/load-protocol';
import { hubspotRoles } from '../protocol/field-sync';
import { hubspotProvisionSpec, salesforceAccessNeeds, salesforceFieldSpecs } from '../app/provision-specs';
import type { ChangeSourceSettings } from '../service/cdc';
import { Lifecycle } from '../service/lifecycle';
import { startRuntime, type HttpSettings, type Runtime } from '../service/runtime';
import { systemClock, type Clock } from '../shared/clock';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../shared/field-specs';
import { salesforceId } from '../shared/ids';
import { silentLogger, type Logger } from '../shared/logger';
import { freePort } from '../shared/net';
import type { Db } from '../store';
import { MARKETING_PROPERTIES } from './marketing-properties';
import { protocolForOrg } from './simulated-org';

export interface SimulatedStackOptions {
  /** A migrated store. */
  readonly db: Db;
  readonly redisUrl: string;
  /** Queue key prefix, so several stacks share one Redis. */
  readonly prefix: string;
  /** The protocol file's text; its routing is pointed at the simulated org's users. */
  readonly protocolText: string;
  /** Protocol time for the service and both simulators (the demo runs days in minutes). */
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly pipeline?: Partial<PipelineSettings>;
  /** Deliver webhooks and outbound messages to the service (default true). */
  readonly notifications?: boolean;
  readonly hubspot?: { readonly ratePer10s?: number; readonly searchPerSecond?: number };
  readonly salesforce?: { readonly sessionTtlMs?: number };
  /**
   * How the simulated org reports changes to the service: outbound messages (default) or Change Data
   * Capture over the Pub/Sub API (SALESFORCE_CHANGES=cdc; the org then sends no outbound message).
   */
  readonly salesforceChanges?: 'outbound' | 'cdc';
  /** The CDC subscriber's settings beyond the endpoint (lease, batch size, back-off). */
  readonly cdc?: Partial<Pick<ChangeSourceSettings, 'leaseMs' | 'batchSize' | 'backoffMs' | 'channel'>>;
  /** More routers for the HTTP app (the admin API, the scorecard). */
  readonly routers?: HttpSettings['routers'];
  /** Delete every Redis key under the prefix on close (tests and benchmarks). */
  readonly disposeRedisKeys?: boolean;
}

export interface SimulatedStack {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  readonly protocol: Protocol;
  readonly runtime: Runtime;
  readonly salesforce: SalesforcePort;
  /**
   * Salesforce as a sales rep uses it (the first active user who is not leadpact's): what Sales
   * does must come from Sales, since leadpact does not read back its own user's changes.
   */
  readonly sales: SalesforcePort;
  readonly hubspot: HubSpotConnector;
  readonly metrics: Metrics;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Both simulators and the whole service (HTTP ingress and workers) in one process, wired exactly
 * as in production, with the CRMs provisioned the way `leadpact provision` does it. The demo, the
 * benchmark and the integration tests run on it.
 */
export async function startSimulatedStack(options: SimulatedStackOptions): Promise<SimulatedStack> {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const cdc = options.salesforceChanges === 'cdc';
  const sf = await startSalesforceSimulator({
    clock: now,
    ...(cdc ? { changeEvents: {} } : {}),
    ...(options.salesforce?.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.salesforce.sessionTtlMs }),
  });
  const ratePer10s = options.hubspot?.ratePer10s ?? 190;
  const hs = await startHubSpotSimulator({
    clock: now,
    webhookRetryBaseMs: 50,
    ratePer10s,
    searchLagMs: 0,
    searchPerSecond: options.hubspot?.searchPerSecond ?? 5,
  });
  const c = sf.credentials;
  const salesforce = await createSalesforceConnector({
    auth: {
      kind: 'password',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      username: c.username,
      password: `${c.password}${c.securityToken ?? ''}`,
    },
    loginUrl: sf.url,
    apiVersion: sf.apiVersion,
  });
  const rep = sf.defaults().userIds.find((id) => id !== sf.defaults().integrationUserId);
  const sales = await createSalesforceConnector({
    auth: { kind: 'token', instanceUrl: sf.url, accessToken: sf.mintAccessToken(rep) },
    loginUrl: sf.url,
    apiVersion: sf.apiVersion,
  });
  // The simulated search index has no lag, so change reads need not wait for it to settle.
  const hubspot = createHubSpotConnector({
    accessToken: hs.credentials.accessToken,
    baseUrl: hs.url,
    ratePer10s,
    searchSettleMs: 0,
    campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
    clock: now,
    searchPerSecond: options.hubspot?.searchPerSecond ?? 5,
  });
  const protocol = routedProtocol(options.protocolText, sf);
  await salesforce.provisionFields(salesforceFieldSpecs(protocol), salesforceAccessNeeds(protocol));
  await hubspot.provision(hubspotProvisionSpec(protocol));
  await hubspot.provision(MARKETING_PROPERTIES);
  await hubspot.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const metrics = options.metrics ?? createMetrics({ defaultMetrics: false });
  const logger = options.logger ?? silentLogger();
  const lifecycle = new Lifecycle(logger);
  const runtime = await startRuntime(
    {
      db: options.db,
      protocol,
      clock,
      logger,
      metrics,
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      http: {
        port,
        host: '127.0.0.1',
        publicUrl: baseUrl,
        hubspotClientSecret: hs.credentials.clientSecret,
        hubspotAppId: String(hs.credentials.appId),
        // Learned from the simulator's account-info endpoint, as a deployment without HUBSPOT_PORTAL_ID does.
        hubspotPortalId: () => hubspot.portalId(),
        salesforceOrgId: sf.credentials.orgId,
        ...(options.routers === undefined ? {} : { routers: options.routers }),
      },
      workers: {
        salesforce,
        hubspot,
        hubspotLimiter: hubspot.limiter,
        salesforceOrg: { directory: salesforce.inspection, instanceUrl: () => salesforce.instanceUrl() },
        settings: { flushWindowMs: 50, ...options.pipeline },
        ...(cdc ? { changeSource: simulatedChangeSource(sf, salesforce, options.cdc) } : {}),
      },
    },
    lifecycle,
  );
  if (options.notifications !== false) connectNotifications(sf, hs, baseUrl, protocol, !cdc);
  return {
    sf,
    hs,
    protocol,
    runtime,
    salesforce,
    sales,
    hubspot,
    metrics,
    baseUrl,
    async close() {
      await lifecycle.shutdown(15_000);
      await sales.close();
      hubspot.close();
      await Promise.all([sf.close(), hs.close()]);
      if (options.disposeRedisKeys === true) await disposeKeys(options.redisUrl, options.prefix);
    },
  };
}

async function disposeKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'worker', silentLogger());
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await closeRedis(redis);
  }
}

/** The protocol with its routing pointed at the simulated org's active sales users and lead queue. */
export function routedProtocol(text: string, sf: SalesforceSimulator): Protocol {
  const loaded = loadProtocol(text, 'protocol');
  if (!loaded.ok) throw loaded.error;
  const users = sf
    .records('User')
    .filter((u) => u.IsActive === true && typeof u.Id === 'string' && u.Title !== 'API Integration');
  return protocolForOrg(loaded.value, {
    activeUserIds: users.map((u) => salesforceId(String(u.Id))),
    leadQueueId: salesforceId(sf.defaults().leadQueueId),
  });
}

function connectNotifications(
  sf: SalesforceSimulator,
  hs: HubSpotSimulator,
  baseUrl: string,
  protocol: Protocol,
  outbound: boolean,
): void {
  hs.setWebhookTarget(`${baseUrl}/webhooks/hubspot`);
  for (const subscription of defaultWebhookSubscriptions([...hubspotRoles(protocol).keys()]))
    hs.subscribe(subscription.eventType, subscription.propertyName);
  hs.subscribe('contact.privacyDeletion');
  if (!outbound) return;
  // As an admin sets up the outbound message (README, "Setting up the CRMs"): the Id alone.
  sf.setOutbound({
    url: `${baseUrl}/webhooks/salesforce`,
    objects: [...FOLLOWED_SALESFORCE_OBJECTS],
    fields: outboundMessageFields(),
    retryBaseMs: 50,
  });
}

/** The simulated org's Pub/Sub endpoint as the service subscribes to it, with the integration user's session. */
function simulatedChangeSource(
  sf: SalesforceSimulator,
  salesforce: Awaited<ReturnType<typeof createSalesforceConnector>>,
  given: SimulatedStackOptions['cdc'],
): ChangeSourceSettings {
  const endpoint = sf.pubsub;
  if (endpoint === undefined) throw new Error('the Salesforce simulator was started without its Pub/Sub endpoint');
  return {
    endpoint: endpoint.address,
    trustedCertificate: endpoint.certificate,
    channel: '/data/ChangeEvents',
    session: () => Promise.resolve(salesforce.pubSubSession()),
    refreshSession: () => salesforce.refreshSession(),
    ...given,
  };
}
