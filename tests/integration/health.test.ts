import { createApp } from '../../src/http/app';
import { listen, type RunningServer } from '../../src/service/http-server';
import { createMetrics } from '../../src/observability/metrics';
import { createPgliteDb } from '../../src/store/pglite-db';
import type { Db } from '../../src/store/db';
import { silentLogger } from '../../src/shared/logger';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { OwnRedis } from '../support/redis-server';
import type { Redis } from 'ioredis';

async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return predicate();
}

describe('health endpoints', () => {
  let ownRedis: OwnRedis;
  let redis: Redis;
  let db: Db;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    ownRedis = await OwnRedis.start();
    redis = createRedis(ownRedis.url, 'producer', silentLogger());
    db = await createPgliteDb(undefined);
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'enqueued' }, 3);
    const app = createApp({
      logger: silentLogger(),
      registry: metrics.registry,
      readiness: { redis: async () => void (await redis.ping()), database: () => db.ping() },
    });
    server = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    await closeRedis(redis);
    await db.close();
    await ownRedis.dispose();
  });

  it('/healthz answers while the process runs', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 503 while Redis is down and 200 once it is back, without a restart', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await ownRedis.stop();
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { redis: 'unreachable', database: 'ok' } });
    await ownRedis.start();
    expect(await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 10_000)).toBe(true);
  });

  it('/metrics serves the Prometheus text format', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await res.text()).toMatch(/leadpact_webhook_events_total\{source="hubspot",outcome="enqueued"\} 3/);
  });

  it('answers an unknown route with a stable code', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such route' } });
  });
});
