import type { Redis } from 'ioredis';

/**
 * A rolling-window rate limit shared by every leadpact process, kept in Redis so N workers
 * together stay under a CRM's per-app limit. Each priority class may only use the window up to
 * its ceiling, so reconciliation and backfill always leave room for hand-offs.
 */
export interface RateWindow {
  /** Takes `cost` slots and returns 0, or returns how many ms to wait before asking again. */
  tryAcquire(priority: Priority, cost?: number): Promise<number>;
  /** Waits until `cost` slots are granted (or the signal aborts). */
  acquire(priority: Priority, cost?: number, signal?: AbortSignal): Promise<void>;
  /** Slots used in the current window. */
  used(): Promise<number>;
}

export type Priority = 0 | 1 | 2;

export interface RateWindowOptions {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  /** Share of the window each priority may fill: hand-offs all of it, backfill less. */
  readonly ceilings?: Readonly<Record<Priority, number>>;
}

const DEFAULT_CEILINGS: Readonly<Record<Priority, number>> = { 0: 1, 1: 0.9, 2: 0.75 };

// Redis TIME keeps every process on one clock; members are unique per grant.
const ACQUIRE = `
local key, window, ceiling, cost = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local used = redis.call('ZCARD', key)
if used + cost <= ceiling then
  local seq = redis.call('INCRBY', key .. ':seq', cost)
  for i = 1, cost do redis.call('ZADD', key, now, seq - i) end
  redis.call('PEXPIRE', key, window)
  redis.call('PEXPIRE', key .. ':seq', window * 10)
  return 0
end
local index = math.max(0, used + cost - ceiling - 1)
local entry = redis.call('ZRANGE', key, index, index, 'WITHSCORES')
if entry[2] == nil then return window end
return math.max(1, tonumber(entry[2]) + window - now + 1)
`;

export function createRateWindow(redis: Redis, options: RateWindowOptions): RateWindow {
  const ceilings = options.ceilings ?? DEFAULT_CEILINGS;
  const tryAcquire = async (priority: Priority, cost = 1): Promise<number> => {
    const ceiling = Math.max(1, Math.floor(options.limit * ceilings[priority]));
    if (cost > ceiling) throw new RangeError(`a cost of ${cost} can never fit a window of ${ceiling}`);
    const wait = await redis.eval(ACQUIRE, 1, options.key, options.windowMs, ceiling, cost);
    return Number(wait);
  };
  return {
    tryAcquire,
    async acquire(priority, cost = 1, signal) {
      for (;;) {
        signal?.throwIfAborted();
        const wait = await tryAcquire(priority, cost);
        if (wait === 0) return;
        await sleep(wait, signal);
      }
    },
    async used() {
      const now = Date.now();
      return redis.zcount(options.key, now - options.windowMs, '+inf');
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
