import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { createApp, type AppDeps } from '../../../src/http/app';
import { adminRouter } from '../../../src/http/admin/admin-router';
import { scorecardRouter } from '../../../src/http/scorecard/scorecard-router';
import { loadProtocol } from '../../../src/config/load-protocol';
import { reportThresholds } from '../../../src/app/report';
import { createMetrics, type Metrics } from '../../../src/observability/metrics';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { createQueues } from '../../../src/queue/queues';
import { engineDeps } from '../../../src/service/compose';
import { listen } from '../../../src/service/http-server';
import { activateProtocol } from '../../../src/service/protocol-source';
import { systemClock } from '../../../src/shared/clock';
import { createLogger, silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrate';
import { PROTOCOL_TEXT } from '../../unit/cli/protocol-fixture';
import { openTestDatabase } from '../../support/databases';
import { TEST_REDIS_URL } from '../../support/redis-server';

/** A strong token, as `openssl rand -hex 32` makes them. */
export const STRONG_TOKEN = randomBytes(32).toString('hex');

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface AdminApp {
  readonly url: string;
  readonly metrics: Metrics;
  /** Every line the app logged, parsed. */
  readonly lines: readonly LogLine[];
  /** The raw log output, to search for what must never appear. */
  readonly output: () => string;
  close(): Promise<void>;
}

/** The service's app with the admin API, Bull Board and the scorecard, logging at debug to memory. */
export async function startAdminApp(
  options: Omit<AppDeps, 'logger' | 'registry' | 'readiness' | 'routers'> = {},
): Promise<AdminApp> {
  const database = await openTestDatabase('postgres');
  await migrate(database.db);
  const loaded = loadProtocol(PROTOCOL_TEXT, 'config/protocol.yaml');
  if (!loaded.ok) throw loaded.error;
  await activateProtocol(database.db, { protocol: loaded.value, text: PROTOCOL_TEXT }, 'config/protocol.yaml');
  const redis: Redis = createRedis(TEST_REDIS_URL, 'producer', silentLogger());
  const queues = createQueues(redis, `{lp-bad-admin-${randomBytes(4).toString('hex')}}`);
  const metrics = createMetrics({ defaultMetrics: false });
  const parts = { db: database.db, protocol: loaded.value, clock: systemClock, logger: silentLogger(), metrics };
  const apply = engineDeps(parts, queues);
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  const thresholds = reportThresholds(loaded.value);
  const app = createApp({
    logger: createLogger({ level: 'debug', destination }),
    registry: metrics.registry,
    readiness: {},
    routers: [
      adminRouter({ apply, adminToken: STRONG_TOKEN, queues, thresholds }),
      scorecardRouter({ db: database.db, adminToken: STRONG_TOKEN, now: () => Date.now(), thresholds }),
    ],
    ...options,
  });
  const server = await listen(app, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${server.port}`,
    metrics,
    get lines() {
      return raw.map((line) => JSON.parse(line) as LogLine);
    },
    output: () => raw.join(''),
    async close() {
      await server.close(100);
      await Promise.all([queues.inbound, queues.timers, queues.maintenance].map((q) => q.obliterate({ force: true })));
      await queues.close();
      await closeRedis(redis);
      await database.dispose();
    },
  };
}

/** Hosts named by http(s) URLs in a page or stylesheet, XML namespace names aside (nothing fetches those). */
export function urlHosts(text: string): string[] {
  const withoutNamespaces = text.replace(/xmlns(?::\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');
  return [...withoutNamespaces.matchAll(/https?:\/\/([^/"'\s)<>]+)/g)].map((m) => m[1] ?? '');
}
