import type { Redis } from 'ioredis';

/**
 * Which webhook deliveries were already processed (HubSpot eventId, Salesforce notification id).
 * Marked only after processing succeeded, so a job retried after a failure still does its work;
 * kept for a week, longer than either CRM redelivers.
 */
export interface SeenEvents {
  /** For each key, whether it was already processed. */
  seen(keys: readonly string[]): Promise<boolean[]>;
  mark(keys: readonly string[]): Promise<void>;
}

const TTL_SECONDS = 7 * 24 * 3_600;

export function createSeenEvents(redis: Redis, prefix: string): SeenEvents {
  const key = (id: string) => `${prefix}:seen:${id}`;
  return {
    async seen(keys) {
      if (keys.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of keys) pipeline.exists(key(id));
      const results = (await pipeline.exec()) ?? [];
      return keys.map((_, i) => results[i]?.[1] === 1);
    },
    async mark(keys) {
      if (keys.length === 0) return;
      const pipeline = redis.pipeline();
      for (const id of keys) pipeline.set(key(id), '1', 'EX', TTL_SECONDS);
      await pipeline.exec();
    },
  };
}
