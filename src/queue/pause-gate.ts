import type { Redis } from 'ioredis';
import type { Crm } from '../shared/errors';

/**
 * When a CRM says "wait" (429 with Retry-After, an exhausted daily allocation), every process
 * holds its calls to that CRM until the time is up, instead of each collecting its own 429s.
 */
export interface PauseGate {
  pause(crm: Crm, ms: number, reason: string): Promise<void>;
  /** Milliseconds left before calls to this CRM may resume (0 when open). */
  remaining(crm: Crm): Promise<number>;
}

export function createPauseGate(redis: Redis, prefix: string): PauseGate {
  const key = (crm: Crm) => `${prefix}:pause:${crm}`;
  return {
    async pause(crm, ms, reason) {
      if (ms <= 0) return;
      // Only ever extend a pause: a shorter Retry-After must not cut a longer one short.
      const current = await redis.pttl(key(crm));
      if (current >= ms) return;
      await redis.set(key(crm), reason, 'PX', Math.ceil(ms));
    },
    async remaining(crm) {
      return Math.max(0, await redis.pttl(key(crm)));
    },
  };
}
