import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** As long as the worker's session check remembers a verified session (connectors/salesforce/session-check.ts). */
export const SESSION_KEEP_MS = 15 * 60_000;

/** The SHA-256 of a session id, hex: the reference an inbound job carries instead of the id. */
export function sessionRef(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * The session vault (src/app/inbound/session-vault.ts) in Redis: the raw session id under a key
 * named by its hash, expiring after SESSION_KEEP_MS; keeping it again restarts the clock.
 */
export function createSessionVault(redis: Redis, prefix: string, keepMs = SESSION_KEEP_MS) {
  const key = (ref: string) => `${prefix}:sf-session:${ref}`;
  return {
    async keep(sessionId: string): Promise<string> {
      const ref = sessionRef(sessionId);
      await redis.set(key(ref), sessionId, 'PX', keepMs);
      return ref;
    },
    async take(ref: string): Promise<string | undefined> {
      return (await redis.get(key(ref))) ?? undefined;
    },
  };
}
