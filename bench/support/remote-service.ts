import { createHubSpotConnector, type HubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import { createSalesforceConnector } from '../../connectors/salesforce/salesforce-connector';
import { loadProtocol } from '../../src/config/load-protocol';
import { protocolForOrg } from '../../src/demo/simulated-org';
import { CAMPAIGN_METRICS_OBJECT } from '../../src/metrics/writeback-spec';
import { createMetrics } from '../../src/observability/metrics';
import type { Protocol } from '../../src/protocol';
import { Lifecycle } from '../../src/service/lifecycle';
import { startRuntime, type Runtime, type RuntimeParts } from '../../src/service/runtime';
import { systemClock } from '../../src/shared/clock';
import { salesforceId } from '../../src/shared/ids';
import { silentLogger } from '../../src/shared/logger';
import type { Db } from '../../src/store';
import type { RemoteSimulators } from './sim-process';

export interface RemoteCrms {
  readonly salesforce: Awaited<ReturnType<typeof createSalesforceConnector>>;
  readonly hubspot: HubSpotConnector;
  readonly protocol: Protocol;
}

/** The connectors a leadpact process opens to the simulated CRMs, as startSimulatedStack opens them. */
export async function connectCrms(sims: RemoteSimulators, protocolText: string): Promise<RemoteCrms> {
  const sf = sims.salesforce;
  const salesforce = await createSalesforceConnector({
    auth: {
      kind: 'password',
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
      username: sf.username,
      password: sf.password,
    },
    loginUrl: sf.url,
    apiVersion: sf.apiVersion,
  });
  // The simulated search index has no lag, so change reads need not wait for it to settle.
  const hubspot = createHubSpotConnector({
    accessToken: sims.hubspot.accessToken,
    baseUrl: sims.hubspot.url,
    ratePer10s: Number(process.env['BENCH_HUBSPOT_RATE_PER_10S'] ?? '190'),
    searchSettleMs: 0,
    campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
    searchPerSecond: 5,
  });
  const loaded = loadProtocol(protocolText, 'protocol');
  if (!loaded.ok) throw loaded.error;
  const protocol = protocolForOrg(loaded.value, {
    activeUserIds: sf.activeUserIds.map(salesforceId),
    leadQueueId: salesforceId(sf.leadQueueId),
  });
  return { salesforce, hubspot, protocol };
}

export interface RoleSettings {
  readonly db: Db;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly crms: RemoteCrms;
  readonly sims: RemoteSimulators;
}

/** One leadpact role (`leadpact serve` with http, `leadpact work` with workers) on the simulated CRMs. */
export async function startRole(
  role: 'serve' | 'work',
  settings: RoleSettings,
  port = 0,
): Promise<{ runtime: Runtime; close(): Promise<void> }> {
  const { crms, sims } = settings;
  const lifecycle = new Lifecycle(silentLogger());
  const parts: RuntimeParts = {
    db: settings.db,
    protocol: crms.protocol,
    clock: systemClock,
    logger: silentLogger(),
    metrics: createMetrics({ defaultMetrics: false }),
    redisUrl: settings.redisUrl,
    prefix: settings.prefix,
    ...(role === 'serve'
      ? {
          http: {
            port,
            host: '127.0.0.1',
            publicUrl: `http://127.0.0.1:${port}`,
            hubspotClientSecret: sims.hubspot.clientSecret,
            hubspotAppId: sims.hubspot.appId,
            hubspotPortalId: () => crms.hubspot.portalId(),
            salesforceOrgId: sims.salesforce.orgId,
          },
        }
      : {
          workers: {
            salesforce: crms.salesforce,
            hubspot: crms.hubspot,
            hubspotLimiter: crms.hubspot.limiter,
            salesforceOrg: {
              directory: crms.salesforce.inspection,
              instanceUrl: () => crms.salesforce.instanceUrl(),
            },
            settings: { flushWindowMs: 50, reconcileEveryMs: 3_600_000 },
          },
        }),
  };
  const runtime = await startRuntime(parts, lifecycle);
  return {
    runtime,
    async close() {
      await lifecycle.shutdown(15_000);
      await crms.salesforce.close();
      crms.hubspot.close();
    },
  };
}
