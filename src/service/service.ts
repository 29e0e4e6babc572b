import type { Env } from '../config/env';
import { createMetrics } from '../observability/metrics';
import { systemClock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { openStore } from '../store';
import { DEFAULT_PREFIX } from '../queue/queues';
import { preflight } from '../app/doctor/preflight';
import type { ChangeSourceSettings } from './cdc';
import { changeChecks, chooseChangeSourceAtStart, readOnce } from './change-source';
import type { ChosenChangeSource } from '../config/env-changes';
import { connectorsFromEnv, hubspotPortalIdSource, webhookTargetFromEnv, type Connectors } from './connectors';
import { Lifecycle } from './lifecycle';
import { adminRouters } from './admin-routers';
import { activateProtocol, readProtocolFile } from './protocol-source';
import { startRuntime, type Runtime } from './runtime';
import { recordLinksFromEnv } from './sync-health';

export interface ServiceRoles {
  /** HTTP ingress: webhooks, admin API, health. */
  readonly http: boolean;
  /** Queue workers: decide, write, timers, reconciliation. */
  readonly workers: boolean;
}

export interface RunningService extends Runtime {
  readonly lifecycle: Lifecycle;
}

/** Composes the service from the environment: protocol, store, connectors, then the roles asked for. */
export async function startService(env: Env, logger: Logger, roles: ServiceRoles): Promise<RunningService> {
  const lifecycle = new Lifecycle(logger);
  const loaded = await readProtocolFile(env.protocolFile);
  const db = await openStore({
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    logger: logger.child({ module: 'store' }),
  });
  lifecycle.add('connections', 'database', () => db.close());
  try {
    await activateProtocol(db, loaded, env.protocolFile);
    logger.info({ version: loaded.protocol.version }, 'lead protocol active');
    const connectors = roles.workers ? await connectorsFromEnv(env, logger) : undefined;
    const channel = connectors === undefined ? undefined : readOnce(connectors.salesforceChannel);
    if (connectors !== undefined && channel !== undefined) {
      lifecycle.add('connections', 'connectors', () => connectors.close());
      const webhooks = webhookTargetFromEnv(env);
      await preflight({
        protocol: loaded.protocol,
        salesforce: connectors.salesforceInspection,
        hubspot: connectors.hubspotInspection,
        ...(webhooks === undefined ? {} : { webhooks }),
        logger: logger.child({ module: 'preflight' }),
        variable: env.variable,
        ...(env.publicUrlSet ? { publicUrl: env.publicUrl } : {}),
        changes: changeChecks(env.salesforce.changes, { ...connectors, salesforceChannel: channel }, 5_000),
      });
    }
    const changes =
      channel === undefined ? undefined : await chooseChangeSourceAtStart(env.salesforce.changes, channel, logger);
    const runtime = await startRuntime(
      {
        db,
        protocol: loaded.protocol,
        clock: systemClock,
        logger,
        metrics: createMetrics(),
        redisUrl: env.redisUrl,
        prefix: DEFAULT_PREFIX,
        // A worker-only process serves its own /metrics on PORT: its CRM calls are counted nowhere else.
        ...(roles.http ? {} : { metricsPort: env.port }),
        ...(roles.http
          ? {
              http: {
                ...httpSettings(env),
                hubspotPortalId: hubspotPortalIdSource(env, logger, lifecycle, connectors?.hubspot),
                routers: adminRouters({
                  db,
                  protocol: loaded.protocol,
                  clock: systemClock,
                  logger,
                  adminToken: env.adminToken,
                  recordLinks: recordLinksFromEnv(
                    env,
                    hubspotPortalIdSource(env, logger, lifecycle, connectors?.hubspot),
                  ),
                }),
              },
            }
          : {}),
        ...(connectors === undefined
          ? {}
          : {
              alerts: { secret: env.variable, instanceUrl: () => connectors.salesforceInstanceUrl() },
              workers: {
                salesforce: connectors.salesforce,
                hubspot: connectors.hubspot,
                hubspotLimiter: connectors.hubspotLimiter,
                salesforceOrg: {
                  directory: connectors.salesforceInspection,
                  instanceUrl: () => connectors.salesforceInstanceUrl(),
                },
                ...(changes?.source === 'cdc' ? { changeSource: changeSourceFromEnv(env, connectors, changes) } : {}),
              },
            }),
      },
      lifecycle,
    );
    return { ...runtime, lifecycle };
  } catch (error) {
    await lifecycle.shutdown(5_000);
    throw error;
  }
}

function httpSettings(env: Env) {
  return {
    port: env.port,
    publicUrl: env.publicUrl,
    hubspotClientSecret: env.hubspot.clientSecret ?? '',
    hubspotAppId: env.hubspot.appId,
    salesforceOrgId: env.salesforce.orgId ?? '',
    trustProxy: env.trustProxy,
  };
}

/** Change Data Capture: the Pub/Sub API subscription, with the integration user's session. */
function changeSourceFromEnv(env: Env, connectors: Connectors, chosen: ChosenChangeSource): ChangeSourceSettings {
  const { pubSubEndpoint, trustedCertificate } = env.salesforce.changes;
  return {
    endpoint: pubSubEndpoint,
    trustedCertificate,
    channel: chosen.channel,
    session: () => Promise.resolve(connectors.salesforcePubSub.pubSubSession()),
    refreshSession: () => connectors.salesforcePubSub.refreshSession(),
  };
}
