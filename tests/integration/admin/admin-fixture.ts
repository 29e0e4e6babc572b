import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { applyToLead, type ApplyDeps } from '../../../src/app/apply-events/apply-events';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { engineDeps } from '../../../src/service/compose';
import { createApp } from '../../../src/http/app';
import { adminRouter } from '../../../src/http/admin/admin-router';
import { adminRouters } from '../../../src/service/admin-routers';
import { createMetrics, type Metrics } from '../../../src/observability/metrics';
import { type Lead, type Protocol } from '../../../src/protocol';
import { loadProtocol } from '../../../src/config/load-protocol';
import { listen, type RunningServer } from '../../../src/service/http-server';
import { activateProtocol } from '../../../src/service/protocol-source';
import { systemClock } from '../../../src/shared/clock';
import { hubSpotContactId, leadId, salesforceId, type LeadId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';
import type { Db } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { PROTOCOL_TEXT } from '../../unit/cli/protocol-fixture';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { TEST_REDIS_URL } from '../../support/redis-server';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export interface AdminFixture {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly queues: Queues;
  readonly apply: ApplyDeps;
  /** The registry /metrics would serve: the admin routes' engine counts on it. */
  readonly metrics: Metrics;
  readonly url: string;
  /** fetch with the admin bearer token. */
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The admin router on an app of its own, over a fresh store and queues under the test's own prefix;
 * with `everyRouter`, every router the service mounts beside it (scorecard, shared links, Sync Health).
 */
export async function startAdminFixture(
  options: { readonly withoutToken?: boolean; readonly everyRouter?: boolean } = {},
): Promise<AdminFixture> {
  const adminToken = options.withoutToken === true ? undefined : ADMIN_TOKEN;
  const database: TestDatabase = await openTestDatabase('postgres');
  await migrate(database.db);
  const loaded = loadProtocol(PROTOCOL_TEXT, 'config/protocol.yaml');
  if (!loaded.ok) throw loaded.error;
  await activateProtocol(database.db, { protocol: loaded.value, text: PROTOCOL_TEXT }, 'config/protocol.yaml');
  const prefix = `{lp-admin-${randomBytes(4).toString('hex')}}`;
  const redis: Redis = createRedis(TEST_REDIS_URL, 'producer', silentLogger());
  const queues = createQueues(redis, prefix);
  const metrics = createMetrics({ defaultMetrics: false });
  const parts = { db: database.db, protocol: loaded.value, clock: systemClock, logger: silentLogger(), metrics };
  const apply = engineDeps(parts, queues);
  const app = createApp({
    logger: silentLogger(),
    registry: metrics.registry,
    readiness: {},
    routers:
      options.everyRouter === true
        ? adminRouters({ ...parts, adminToken })({ queues, apply })
        : [adminRouter({ apply, adminToken, queues })],
  });
  const server: RunningServer = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.port}`;
  return {
    db: database.db,
    protocol: loaded.value,
    queues,
    url,
    apply,
    metrics,
    call: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string> | undefined) },
      }),
    async close() {
      await server.close(100);
      await Promise.all([queues.inbound, queues.timers, queues.maintenance].map((q) => q.obliterate({ force: true })));
      await queues.close();
      await closeRedis(redis);
      await database.dispose();
    },
  };
}

const DAY = 86_400_000;

/** Properties the shipped protocol qualifies (fit and readiness both pass), in the EMEA territory. */
function qualified(n: number, now: number): Record<string, string> {
  return {
    email: `buyer${n}@acme-${n}.io`,
    firstname: 'Dana',
    lastname: `Buyer ${n}`,
    company: `Acme ${n}`,
    country: 'United Kingdom',
    industry: 'COMPUTER_SOFTWARE',
    numberofemployees: '400',
    jobtitle: 'VP Product',
    annualrevenue: '20000000',
    demo_requested_date: String(now - DAY),
    utm_campaign: 'spring-webinar',
  };
}

/** A contact as HubSpot's webhook path would create it; qualified ones become MQLs (a hand-off waits in the outbox). */
export async function contactLead(apply: ApplyDeps, n: number, qualify: boolean): Promise<Lead> {
  const now = Date.now();
  const properties = qualify
    ? qualified(n, now)
    : { ...qualified(n, now), demo_requested_date: '', jobtitle: 'Student', industry: 'EDUCATION' };
  const applied = await applyToLead(apply, { kind: 'hubspot', id: hubSpotContactId(1000 + n) }, () => [
    {
      type: 'hubspot.contact.created',
      id: `hs:${n}:${now}`,
      at: now,
      leadId: leadId(randomUUID()),
      contactId: hubSpotContactId(1000 + n),
      properties,
    },
  ]);
  if (applied.lead === null) throw new Error('no lead');
  return applied.lead;
}

/** A qualified contact whose hand-off completed as a new Salesforce Lead. */
export async function handedOffLead(apply: ApplyDeps, n: number): Promise<LeadId> {
  const lead = await contactLead(apply, n, true);
  const handoffKey = lead.pendingHandoff;
  if (handoffKey === null) throw new Error(`lead ${n} was not handed off (stage ${lead.stage})`);
  const sfId = salesforceId(`00Q00000000${String(n).padStart(4, '0')}AAA`);
  await applyToLead(apply, { kind: 'lead', id: lead.id }, () => [
    {
      type: 'salesforce.handoff.completed',
      id: `handoff:${n}`,
      at: Date.now(),
      handoffKey,
      salesforceId: sfId,
      object: 'Lead',
      ownerId: salesforceId('005AM0000000001YAA'),
      created: true,
    },
  ]);
  return lead.id;
}
