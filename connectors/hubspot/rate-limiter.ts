export interface RateLimiterOptions {
  /** The limit the CRM enforces per window (HubSpot private apps: 100 or 190 per 10 s). */
  readonly limit: number;
  readonly windowMs: number;
  /** Share of the limit kept in reserve (default 1 %, then at least one request; 0 for none). */
  readonly reserveRatio?: number;
  /** Extra time a finished request stays counted, for clock granularity at the CRM (default 50 ms). */
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

/** Tells the limiter the request got its answer (or failed); call it exactly once. */
export type Release = () => void;

/**
 * A client-side rolling window that keeps requests under a CRM's limit instead of collecting 429s.
 * A request counts from the moment it is allowed until one window after its answer came back: the
 * CRM counted it at some instant in between, so however long the request took, our window always
 * covers the CRM's. Callers queue in order; `pauseFor` stops everyone after a 429; `observe` folds
 * in what the server reports, so requests made by other processes with the same app count too.
 */
export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  /** Resolves when a request may be sent now; release it when its answer arrives. */
  acquire(): Promise<Release>;
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
  /** When counted requests finished, ascending (finishing order is time order). */
  private finished: number[] = [];
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private counters = { acquired: 0, delayed: 0, pauses: 0 };

  constructor(options: RateLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0))
      throw new RangeError('a rate limiter needs a limit of at least 1 and a positive window');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    const ratio = options.reserveRatio ?? 0.01;
    const reserve = ratio === 0 || options.limit === 1 ? 0 : Math.max(1, Math.ceil(options.limit * ratio));
    this.budget = Math.max(1, options.limit - reserve);
    this.span = options.windowMs + (options.padMs ?? 50);
    this.clock = options.clock ?? Date.now;
  }

  acquire(): Promise<Release> {
    if (this.waiters.length === 0 && this.waitMs(this.clock()) === 0) return Promise.resolve(this.take());
    this.counters.delayed++;
    return new Promise((resolve) => {
      this.waiters.push(() => resolve(this.take()));
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
    for (let i = 0; i < others; i++) this.finished.push(now);
  }

  stats(): RateLimiterStats {
    return { ...this.counters };
  }

  private take(): Release {
    this.inFlight++;
    this.counters.acquired++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.finished.push(Math.max(this.clock(), this.finished[this.finished.length - 1] ?? 0));
      this.pump();
    };
  }

  private count(now: number): number {
    const horizon = now - this.span;
    let first = 0;
    while (first < this.finished.length && (this.finished[first] ?? 0) <= horizon) first++;
    if (first > 0) this.finished = this.finished.slice(first);
    return this.inFlight + this.finished.length;
  }

  /** 0 when a request may leave now; a delay to wait; Infinity when only an answer can free a slot. */
  private waitMs(now: number): number {
    const used = this.count(now);
    const excess = used - this.budget + 1;
    const windowWait =
      excess <= 0
        ? 0
        : excess > this.finished.length
          ? Number.POSITIVE_INFINITY
          : (this.finished[excess - 1] ?? now) + this.span - now;
    return Math.max(this.pausedUntil - now, windowWait, 0);
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const wait = this.waitMs(this.clock());
      if (wait === Number.POSITIVE_INFINITY) return;
      if (wait > 0) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      this.waiters.shift()?.();
    }
  }
}
