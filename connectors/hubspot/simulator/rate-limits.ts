import { rateLimited } from './hubspot-errors';
import type { SimResponse } from './sim-http';

/** A sliding log: at most `limit` admissions in any `windowMs`, the way HubSpot's rolling window counts. */
export class RollingWindow {
  private stamps: number[] = [];
  private head = 0;
  /** The most admissions seen inside one window, for benchmarks to compare with the limit. */
  peak = 0;
  /** When requests were admitted (the latest 100,000), for benchmarks to measure window occupancy. */
  admitted: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  reset(): void {
    this.stamps = [];
    this.head = 0;
    this.peak = 0;
    this.admitted = [];
  }

  count(now: number): number {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  /** Admits one request, or says how long until the oldest admission leaves the window. */
  tryTake(
    now: number,
  ): { readonly ok: true; readonly remaining: number } | { readonly ok: false; readonly retryAfterMs: number } {
    const used = this.count(now);
    if (used >= this.limit)
      return { ok: false, retryAfterMs: Math.max(1, (this.stamps[this.head] ?? now) + this.windowMs - now) };
    this.stamps.push(now);
    this.peak = Math.max(this.peak, used + 1);
    this.admitted.push(now);
    if (this.admitted.length > 100_000) this.admitted = this.admitted.slice(-50_000);
    return { ok: true, remaining: this.limit - used - 1 };
  }
}

const DAY_MS = 86_400_000;

/** The daily allocation; it refills at midnight (UTC here; HubSpot uses the account's time zone). */
export class DailyAllowance {
  private used = 0;
  private day = -1;

  constructor(readonly limit: number) {}

  reset(): void {
    this.used = 0;
  }

  take(now: number): boolean {
    this.roll(now);
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.limit - this.used);
  }

  msUntilReset(now: number): number {
    return (Math.floor(now / DAY_MS) + 1) * DAY_MS - now;
  }

  private roll(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day === this.day) return;
    this.day = day;
    this.used = 0;
  }
}

export interface AppLimitOptions {
  readonly ratePer10s: number;
  readonly windowMs: number;
  readonly dailyLimit: number;
  readonly searchPerSecond: number;
}

export type Admission =
  | { readonly ok: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly response: SimResponse };

/**
 * One private app's limits (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines):
 * a rolling ten-second window and a daily allocation, reported in X-HubSpot-RateLimit-* headers;
 * search has its own per-second limit and sends no rate-limit headers.
 */
export class AppLimits {
  readonly window: RollingWindow;
  readonly search: RollingWindow;
  readonly daily: DailyAllowance;

  constructor(readonly options: AppLimitOptions) {
    this.window = new RollingWindow(options.ratePer10s, options.windowMs);
    this.search = new RollingWindow(options.searchPerSecond, 1000);
    this.daily = new DailyAllowance(options.dailyLimit);
  }

  reset(): void {
    this.window.reset();
    this.search.reset();
    this.daily.reset();
  }

  admitCrm(now: number): Admission {
    if (this.daily.remaining(now) === 0)
      return { ok: false, response: rateLimited('DAILY', this.daily.msUntilReset(now)) };
    const taken = this.window.tryTake(now);
    if (!taken.ok)
      return {
        ok: false,
        response: withHeaders(rateLimited('TEN_SECONDLY_ROLLING', taken.retryAfterMs), this.headers(now, 0)),
      };
    this.daily.take(now);
    return { ok: true, headers: this.headers(now, taken.remaining) };
  }

  admitSearch(now: number): Admission {
    if (this.daily.remaining(now) === 0)
      return { ok: false, response: rateLimited('DAILY', this.daily.msUntilReset(now)) };
    const taken = this.search.tryTake(now);
    if (!taken.ok) return { ok: false, response: rateLimited('SECONDLY', taken.retryAfterMs) };
    this.daily.take(now);
    return { ok: true, headers: {} };
  }

  headers(now: number, remaining: number): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Max': String(this.window.limit),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.window.windowMs),
      'X-HubSpot-RateLimit-Daily': String(this.daily.limit),
      'X-HubSpot-RateLimit-Daily-Remaining': String(this.daily.remaining(now)),
    };
  }
}

export function withHeaders(response: SimResponse, headers: Readonly<Record<string, string>>): SimResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}
