import type { Env } from '../config/env';
import { createApp } from '../http/app';
import { createMetrics } from '../observability/metrics';
import type { Logger } from '../shared/logger';
import { openStore } from '../store';
import { closeRedis, createRedis, redisReady } from '../../jobs/connection';
import { listen, type RunningServer } from './http-server';
import { Lifecycle } from './lifecycle';

export interface ServiceRoles {
  /** HTTP ingress: webhooks, admin API, health. */
  readonly http: boolean;
  /** Queue workers: decide, write, timers, reconciliation. */
  readonly workers: boolean;
}

export interface RunningService {
  readonly lifecycle: Lifecycle;
  readonly http: RunningServer | undefined;
}

/** Opens the store and Redis, then starts the roles asked for; everything is registered for shutdown. */
export async function startService(env: Env, logger: Logger, roles: ServiceRoles): Promise<RunningService> {
  const lifecycle = new Lifecycle(logger);
  const db = await openStore({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, logger: logger.child({ module: 'store' }) });
  lifecycle.add('connections', 'database', () => db.close());
  const health = createRedis(env.redisUrl, 'producer', logger.child({ module: 'redis' }));
  lifecycle.add('connections', 'redis-health', () => closeRedis(health));
  // Start anyway when Redis is late: /readyz says so, and every connection keeps reconnecting.
  await redisReady(health).catch(() => logger.warn('redis is not reachable yet; /readyz answers 503 until it is'));

  const metrics = createMetrics();
  let http: RunningServer | undefined;
  if (roles.http) {
    const app = createApp({
      logger: logger.child({ module: 'http' }),
      registry: metrics.registry,
      readiness: {
        redis: async () => {
          await health.ping();
        },
        database: () => db.ping(),
      },
    });
    http = await listen(app, env.port);
    const server = http;
    lifecycle.add('http', 'http', () => server.close());
    logger.info({ port: http.port }, 'http ingress listening');
  }
  return { lifecycle, http };
}
