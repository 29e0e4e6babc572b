import type { RateLimitPolicy } from './hubspot-errors';

export interface CallCounts {
  /** Every request the API answered (control calls excluded). */
  readonly total: number;
  /** By route: "POST /crm/v3/objects/:objectType/batch/update". */
  readonly byRoute: Readonly<Record<string, number>>;
  /** 429s served because a real limit was reached, by policy (injected ones are under faultsInjected). */
  readonly rateLimited: Readonly<Record<RateLimitPolicy, number>>;
  readonly faultsInjected: number;
  readonly unauthorized: number;
  /** 403 MISSING_SCOPES: calls the private app's token has no scope for. */
  readonly missingScopes: number;
  /** The most requests admitted inside one rolling window, next to the window's limit. */
  readonly peakWindowCount: number;
  readonly windowLimit: number;
  readonly windowMs: number;
  readonly webhooks: {
    readonly requests: number;
    readonly deliveredEvents: number;
    readonly failedAttempts: number;
    readonly droppedEvents: number;
  };
}

export class CallCounter {
  total = 0;
  faultsInjected = 0;
  unauthorized = 0;
  missingScopes = 0;
  byRoute = new Map<string, number>();
  rateLimited: Record<RateLimitPolicy, number> = { TEN_SECONDLY_ROLLING: 0, DAILY: 0, SECONDLY: 0 };

  count(routeKey: string): void {
    this.total++;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.faultsInjected = 0;
    this.unauthorized = 0;
    this.missingScopes = 0;
    this.byRoute = new Map();
    this.rateLimited = { TEN_SECONDLY_ROLLING: 0, DAILY: 0, SECONDLY: 0 };
  }
}
