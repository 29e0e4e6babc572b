import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Remembers which signed webhook requests were accepted, for as long as their timestamp is valid.
 * HubSpot signs every attempt anew (its timestamp and attemptNumber change), so the same signature
 * twice is a copy of one request sent again by someone else: a replay.
 */
export interface ReplayGuard {
  /** True the first time a signature is claimed, false for a replay. */
  claim(signature: string): Promise<boolean>;
  /** Forgets a claim whose request could not be stored, so the same request may come again. */
  release(signature: string): Promise<void>;
}

export function redisReplayGuard(redis: Redis, prefix: string, rememberMs: number): ReplayGuard {
  const key = (signature: string) =>
    `${prefix}:replay:${createHash('sha256').update(signature).digest('hex').slice(0, 40)}`;
  return {
    async claim(signature) {
      return (await redis.set(key(signature), '1', 'PX', rememberMs, 'NX')) === 'OK';
    },
    async release(signature) {
      await redis.del(key(signature));
    },
  };
}
