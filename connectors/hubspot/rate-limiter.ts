export interface RateLimiterOptions {
  /** The limit the CRM enforces per window (HubSpot private apps: 100 or 190 per 10 s). */
  readonly limit: number;
  readonly windowMs: number;
  /**
   * Share of the limit kept in reserve (default 2 %, at least one request) for requests that
   * arrive later than they left, or another client of the same app.
   */
  readonly reserveRatio?: number;
  /** Extra time a request stays counted, covering network jitter between us and the CRM (default 250 ms). */
  readonly padMs?: number;
  readonly clock?: () => number;
}

export interface RateLimiterStats {
  readonly acquired: number;
  /** Requests that had to wait for a slot. */
  readonly delayed: number;
  /** Times a 429 (or a server report) paused every caller. */
  readonly pauses: number;
}

/**
 * A client-side rolling window that keeps requests under a CRM's limit instead of collecting 429s.
 * Callers queue in order; `pauseFor` stops everyone after a 429; `observe` folds in what the server
 * reports, so requests made by other processes with the same app count too.
 */
export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Resolves when a request may be sent now; the request is counted from this moment. */
  acquire(): Promise<void>;
  /** Requests that may still be sent in the current window (for prioritising work). */
  remaining(): number;
  /** No request leaves before `ms` from now (a 429's Retry-After). */
  pauseFor(ms: number): void;
  /** The server's X-HubSpot-RateLimit-Remaining after one of our requests. */
  observe(serverRemaining: number): void;
  stats(): RateLimiterStats;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  return new RollingLimiter(options);
}

class RollingLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly budget: number;
  private readonly span: number;
  private readonly clock: () => number;
  private stamps: number[] = [];
  private readonly waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private counters = { acquired: 0, delayed: 0, pauses: 0 };

  constructor(options: RateLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new RangeError('a rate limiter needs a limit of at least 1 and a positive window');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    const reserve = Math.max(options.limit > 1 ? 1 : 0, Math.ceil(options.limit * (options.reserveRatio ?? 0.02)));
    this.budget = Math.max(1, options.limit - reserve);
    this.span = options.windowMs + (options.padMs ?? 250);
    this.clock = options.clock ?? Date.now;
  }

  acquire(): Promise<void> {
    if (this.waiters.length === 0 && this.waitMs(this.clock()) <= 0) {
      this.take(this.clock());
      return Promise.resolve();
    }
    this.counters.delayed++;
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.pump();
    });
  }

  remaining(): number {
    return Math.max(0, this.budget - this.count(this.clock()));
  }

  pauseFor(ms: number): void {
    this.counters.pauses++;
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  observe(serverRemaining: number): void {
    const now = this.clock();
    // The server counts more than we sent: someone else spends this app's budget. Count their
    // requests as if they were ours, for one window (they then show in our own count, so a later
    // report does not add them twice).
    const others = Math.min(this.limit, this.limit - serverRemaining - this.count(now));
    for (let i = 0; i < others; i++) this.stamps.push(now);
  }

  stats(): RateLimiterStats {
    return { ...this.counters };
  }

  private take(now: number): void {
    this.stamps.push(now);
    this.counters.acquired++;
  }

  private count(now: number): number {
    const horizon = now - this.span;
    let first = 0;
    while (first < this.stamps.length && (this.stamps[first] ?? 0) <= horizon) first++;
    if (first > 0) this.stamps = this.stamps.slice(first);
    return this.stamps.length;
  }

  /** How long until a request may leave: the pause, then the oldest counted request ageing out. */
  private waitMs(now: number): number {
    const paused = this.pausedUntil - now;
    const used = this.count(now);
    const windowWait = used < this.budget ? 0 : (this.stamps[used - this.budget] ?? now) + this.span - now;
    return Math.max(paused, windowWait, 0);
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    const now = this.clock();
    while (this.waiters.length > 0) {
      const wait = this.waitMs(now);
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      this.take(now);
      this.waiters.shift()?.();
    }
  }
}
