import type { Redis } from 'ioredis';
import { closeRedis, createRedis, redisReady, type RedisRole } from './connection';
import { LeadpactError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/**
 * A Redis connection that is ready, or a clear error: a one-shot command must not sit reconnecting
 * forever the way a long-running worker does. The URL may hold a password, so it is never printed.
 */
export async function connectRedis(url: string, role: RedisRole, logger: Logger, timeoutMs = 5_000): Promise<Redis> {
  const redis = createRedis(url, role, logger);
  try {
    await redisReady(redis, timeoutMs);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new LeadpactError(
      'QUEUE_UNAVAILABLE',
      `Redis did not answer within ${timeoutMs / 1000} s; check REDIS_URL and that Redis is running`,
      { cause: error },
    );
  }
}

export { closeRedis };
