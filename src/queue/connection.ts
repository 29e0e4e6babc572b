import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../shared/logger';

export type RedisRole =
  /** Workers and QueueEvents block on Redis: BullMQ requires maxRetriesPerRequest null. */
  | 'worker'
  /** Producers (HTTP ingress) must fail fast while Redis is down instead of queueing in memory. */
  | 'producer'
  /**
   * The HTTP ingress: a producer whose commands of one event-loop turn go to Redis in one write
   * (ioredis auto-pipelining), so concurrent webhooks share round trips instead of a write each.
   */
  | 'ingress';

/**
 * A Redis connection configured as BullMQ's production guide says for its role
 * (https://docs.bullmq.io/guide/going-to-production): reconnect forever with a capped back-off.
 */
export function createRedis(url: string, role: RedisRole, logger: Logger): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000),
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    ...(role === 'ingress' ? { enableAutoPipelining: true } : {}),
  };
  const redis = new Redis(url, options);
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error, role }, 'redis connection lost; reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ role }, 'redis connection restored');
    down = false;
  });
  return redis;
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function redisReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`redis not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/** Closes a connection, politely if it can. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
