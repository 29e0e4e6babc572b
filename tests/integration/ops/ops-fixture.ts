import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import type { ApplyDeps } from '../../../src/app/apply-events/apply-events';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { engineDeps } from '../../../src/service/compose';
import { createMetrics, type Metrics } from '../../../src/observability/metrics';
import { MARKETING_PROPERTIES } from '../../../src/demo/marketing-properties';
import { provision } from '../../../src/app/provision';
import type { Protocol } from '../../../src/protocol';
import { systemClock } from '../../../src/shared/clock';
import { silentLogger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases';
import { simulatedProtocol } from '../../support/pipeline-harness';
import { TEST_REDIS_URL } from '../../support/redis-server';

/** Both simulators provisioned as `leadpact provision` leaves them, a fresh store, and Redis under a prefix of the test's own. */
export interface OpsFixture {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotConnector;
  readonly db: Db;
  readonly protocol: Protocol;
  readonly redis: Redis;
  readonly queues: Queues;
  readonly prefix: string;
  readonly apply: ApplyDeps;
  /** The engine's counters (leadpact_protocol_events_total) for what the fixture's apply decided. */
  readonly metrics: Metrics;
  /** Records seeded inside `fn` carry stamps `days` days old, as history does. */
  inThePast<T>(days: number, fn: () => T): T;
  close(): Promise<void>;
}

export async function startOpsFixture(kind: DatabaseKind): Promise<OpsFixture> {
  let offsetMs = 0;
  const sf = await startSalesforceSimulator({ clock: () => Date.now() + offsetMs });
  const hs = await startHubSpotSimulator({ ratePer10s: 190 });
  const database: TestDatabase = await openTestDatabase(kind);
  await migrate(database.db);
  const c = sf.credentials;
  const salesforce = await createSalesforceConnector({
    auth: {
      kind: 'password',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      username: c.username,
      password: `${c.password}${c.securityToken}`,
    },
    loginUrl: sf.url,
    apiVersion: sf.apiVersion,
  });
  const hubspot = createHubSpotConnector({ accessToken: hs.credentials.accessToken, baseUrl: hs.url, ratePer10s: 190 });
  const protocol = simulatedProtocol(sf);
  await provision({ protocol, salesforce, hubspot });
  await hubspot.provision(MARKETING_PROPERTIES);
  const prefix = `{lp-ops-${randomBytes(4).toString('hex')}}`;
  const redis = createRedis(TEST_REDIS_URL, 'producer', silentLogger());
  const queues = createQueues(redis, prefix);
  const metrics = createMetrics({ defaultMetrics: false });
  const apply = engineDeps({ db: database.db, protocol, clock: systemClock, logger: silentLogger(), metrics }, queues);
  return {
    sf,
    hs,
    salesforce,
    hubspot,
    db: database.db,
    protocol,
    redis,
    queues,
    metrics,
    prefix,
    apply,
    inThePast(days, fn) {
      offsetMs = -days * DAY;
      try {
        return fn();
      } finally {
        offsetMs = 0;
      }
    },
    async close() {
      await Promise.all(
        Object.values({ inbound: queues.inbound, timers: queues.timers, maintenance: queues.maintenance }).map((q) =>
          q.obliterate({ force: true }),
        ),
      );
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await queues.close();
      await closeRedis(redis);
      hubspot.close();
      await Promise.all([sf.close(), hs.close()]);
      await database.dispose();
    },
  };
}

const DAY = 86_400_000;

/** Contacts that existed before leadpact: changed one minute apart, from `days` days ago. */
export function historicContacts(count: number, from: number, tag: string): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(from + i * 60_000).toISOString();
    return {
      email: `${tag}${i}@${tag}-${i % 11}.example`,
      firstname: 'Sam',
      lastname: `${tag} ${i}`,
      company: `${tag} ${i % 11}`,
      country: 'Germany',
      jobtitle: 'Analyst',
      createdate: at,
      lastmodifieddate: at,
    };
  });
}

export function daysAgo(days: number): number {
  return Date.now() - days * DAY;
}
