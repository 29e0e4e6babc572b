import { seededRandom } from '../../../src/shared/random';
import { z } from 'zod';
import { rateLimited, serverError } from './hubspot-errors';
import type { SimResponse } from './sim-http';

export const faultSettingsSchema = z.object({
  /** Added to every API answer: a fixed delay or a range. */
  latencyMs: z.union([z.number().min(0), z.object({ min: z.number().min(0), max: z.number().min(0) })]).optional(),
  /** Probability (0..1) that an API call answers with `errorStatus`. */
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  /** The next `count` API calls fail with `status` (default 503). */
  burst: z
    .object({ count: z.number().int().min(0), status: z.number().int().min(500).max(599).default(503) })
    .optional(),
  /** The next `count` API calls get no answer for `ms` (then the socket is dropped): client timeouts. */
  stall: z.object({ count: z.number().int().min(0), ms: z.number().int().min(1) }).optional(),
  /** The next `count` API calls answer 429 under `policy`, whatever the real usage. */
  rateLimit: z
    .object({
      count: z.number().int().min(0),
      policy: z.enum(['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY']).default('TEN_SECONDLY_ROLLING'),
      retryAfterMs: z.number().int().min(0).default(1000),
    })
    .optional(),
  /** Only calls whose route key ("POST /crm/v3/objects/:objectType/batch/update") starts with one of these. */
  routes: z.array(z.string()).optional(),
});
export type FaultSettings = z.input<typeof faultSettingsSchema>;
type Settings = z.output<typeof faultSettingsSchema>;

export type FaultDecision =
  | { readonly kind: 'none'; readonly delayMs: number }
  | { readonly kind: 'respond'; readonly delayMs: number; readonly response: SimResponse }
  | { readonly kind: 'stall'; readonly ms: number };

/** Injected failures; counts are consumed as calls hit them. A seeded generator keeps runs repeatable. */
export class Faults {
  private settings: Settings = {};
  /** The seeded generator, shared with the simulator's other random choices. */
  random: () => number;

  constructor(private readonly seed: number) {
    this.random = seededRandom(seed);
  }

  set(settings: FaultSettings): void {
    this.settings = faultSettingsSchema.parse(settings);
  }

  clear(): void {
    this.settings = {};
    this.random = seededRandom(this.seed);
  }

  decide(routeKey: string): FaultDecision {
    const s = this.settings;
    if (s.routes !== undefined && !s.routes.some((prefix) => routeKey.startsWith(prefix)))
      return { kind: 'none', delayMs: 0 };
    const delayMs = this.latency();
    if (s.stall !== undefined && s.stall.count > 0) {
      s.stall.count--;
      return { kind: 'stall', ms: s.stall.ms };
    }
    if (s.rateLimit !== undefined && s.rateLimit.count > 0) {
      s.rateLimit.count--;
      return { kind: 'respond', delayMs, response: rateLimited(s.rateLimit.policy, s.rateLimit.retryAfterMs) };
    }
    if (s.burst !== undefined && s.burst.count > 0) {
      s.burst.count--;
      return { kind: 'respond', delayMs, response: serverError(s.burst.status) };
    }
    if (s.errorRate !== undefined && this.random() < s.errorRate)
      return { kind: 'respond', delayMs, response: serverError(s.errorStatus ?? 503) };
    return { kind: 'none', delayMs };
  }

  private latency(): number {
    const latency = this.settings.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.random() * Math.max(0, latency.max - latency.min);
  }
}
