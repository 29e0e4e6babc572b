import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Crm } from '../shared/errors';

/**
 * Remembers what leadpact itself wrote (record, field, value hash) so the webhook that echoes
 * our own write back is recognised and dropped instead of starting a loop.
 */
export interface EchoMemory {
  remember(
    crm: Crm,
    writes: readonly { readonly recordId: string; readonly fields: Readonly<Record<string, unknown>> }[],
  ): Promise<void>;
  /** For each change, whether it is the echo of a write we made. */
  areEchoes(
    crm: Crm,
    changes: readonly { readonly recordId: string; readonly field: string; readonly value: unknown }[],
  ): Promise<boolean[]>;
}

/** Long enough for the slowest echo (a reconciliation poll), short enough to forget stale values. */
const DEFAULT_TTL_MS = 30 * 60_000;

export function valueHash(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

export function createEchoMemory(redis: Redis, prefix: string, ttlMs = DEFAULT_TTL_MS): EchoMemory {
  const key = (crm: Crm, recordId: string) => `${prefix}:echo:${crm}:${recordId}`;
  return {
    async remember(crm, writes) {
      if (writes.length === 0) return;
      const pipeline = redis.pipeline();
      for (const write of writes) {
        const entries = Object.entries(write.fields).map(
          ([field, value]) => [field.toLowerCase(), valueHash(value)] as const,
        );
        if (entries.length === 0) continue;
        pipeline.hset(key(crm, write.recordId), Object.fromEntries(entries));
        pipeline.pexpire(key(crm, write.recordId), ttlMs);
      }
      await pipeline.exec();
    },
    async areEchoes(crm, changes) {
      if (changes.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const change of changes) pipeline.hget(key(crm, change.recordId), change.field.toLowerCase());
      const results = (await pipeline.exec()) ?? [];
      return changes.map((change, i) => {
        const stored = results[i]?.[1];
        return typeof stored === 'string' && stored === valueHash(change.value);
      });
    },
  };
}
