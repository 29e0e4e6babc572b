import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A lease on a singleton (one CDC subscriber per channel across N workers): a Redis key holding
 * its holder's token with a time to live. The holder renews it well before it lapses; a holder that
 * dies stops renewing, the key expires and another worker takes it. Renewing and releasing check
 * the token in one script, so a holder that lost its lease can never extend or drop another's.
 */

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisLease {
  readonly token = randomUUID();

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the lease if nobody holds it; true when this holder has it. */
  async acquire(): Promise<boolean> {
    const taken = await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX');
    return taken === 'OK';
  }

  /** Extends the lease; false when it was lost (expired and maybe taken by another). */
  async renew(): Promise<boolean> {
    const renewed = await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs));
    return renewed === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }

  /** Who holds it now (a token), if anyone. */
  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}

export interface LeaseHolderOptions {
  readonly lease: RedisLease;
  /** How often a follower tries to take the lease and the holder renews it (default a third of the TTL). */
  readonly everyMs?: number;
  /** Runs while this process holds the lease; the returned function stops it. */
  readonly whileHeld: () => Promise<() => Promise<void>>;
  readonly onError: (error: unknown) => void;
}

/** Runs `whileHeld` only while holding the lease: takes it when free, stops when it is lost. */
export function holdLease(options: LeaseHolderOptions): { close(): Promise<void> } {
  const { lease } = options;
  const every = options.everyMs ?? Math.max(50, Math.floor(lease.ttlMs / 3));
  let stop: (() => Promise<void>) | undefined;
  let closed = false;
  let turn: Promise<void> = Promise.resolve();
  let renewedAt = 0;
  const tick = async () => {
    if (closed) return;
    if (stop === undefined) {
      if (!(await lease.acquire())) return;
      renewedAt = Date.now();
      stop = await options.whileHeld();
      return;
    }
    let renewed = false;
    try {
      renewed = await lease.renew();
    } catch (error) {
      options.onError(error);
      // Redis out of reach: carry on only while the lease cannot have lapsed for anyone else.
      if (Date.now() - renewedAt < lease.ttlMs) return;
    }
    if (renewed) {
      renewedAt = Date.now();
      return;
    }
    const running = stop;
    stop = undefined;
    await running();
  };
  const timer = setInterval(() => {
    turn = turn.then(tick).catch(options.onError);
  }, every);
  turn = turn.then(tick).catch(options.onError);
  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await turn;
      if (stop !== undefined) {
        await stop();
        stop = undefined;
        await lease.release();
      }
    },
  };
}
