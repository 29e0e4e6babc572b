/**
 * The org's daily API allocation, counted over a rolling 24 hours in one-minute buckets, and the
 * Sforce-Limit-Info header every REST response carries.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 */

const WINDOW_MS = 24 * 60 * 60_000;
const BUCKET_MS = 60_000;

export class ApiUsage {
  private buckets = new Map<number, number>();
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  get allocation(): number {
    return this.limit;
  }

  used(): number {
    this.prune();
    return this.total;
  }

  /** Counts one call, or refuses it when the allocation is used up (REQUEST_LIMIT_EXCEEDED). */
  tryConsume(): boolean {
    if (this.used() >= this.limit) return false;
    const bucket = Math.floor(this.now() / BUCKET_MS);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    this.total += 1;
    return true;
  }

  header(): string {
    return `api-usage=${this.used()}/${this.limit}`;
  }

  reset(): void {
    this.buckets = new Map();
    this.total = 0;
  }

  private prune(): void {
    const oldest = Math.floor((this.now() - WINDOW_MS) / BUCKET_MS);
    for (const [bucket, count] of this.buckets) {
      if (bucket > oldest) break;
      this.buckets.delete(bucket);
      this.total -= count;
    }
  }
}

/** Requests seen per route, and API calls counted the way the platform counts them. */
export interface CallCounts {
  /** API calls: one per REST request; a Composite or sObject Collections request is one call. */
  readonly total: number;
  /** Every request per route ("PATCH /composite/sobjects/:type/:field", "POST /services/oauth2/token"...). */
  readonly byRoute: Readonly<Record<string, number>>;
}

export class CallCounter {
  private api = 0;
  private routes = new Map<string, number>();

  request(route: string): void {
    this.routes.set(route, (this.routes.get(route) ?? 0) + 1);
  }

  apiCall(): void {
    this.api += 1;
  }

  snapshot(): CallCounts {
    return { total: this.api, byRoute: Object.fromEntries([...this.routes].sort(([a], [b]) => a.localeCompare(b))) };
  }

  reset(): void {
    this.api = 0;
    this.routes = new Map();
  }
}
