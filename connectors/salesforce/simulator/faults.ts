import { seededRandom } from '../../../src/shared/random';
import { z } from 'zod';

/**
 * Failures a test or the demo asks for: added latency, a random 503 rate per route, the next N
 * requests of a route failing with a 5xx, or hanging without an answer (a timeout).
 * A route is named as in call counts ("GET /query"); "*" or no route means every route.
 */
export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  errorRate: z.record(z.string(), z.number().min(0).max(1)).optional(),
  fail: z
    .array(
      z.strictObject({
        route: z.string().optional(),
        status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
        times: z.number().int().min(1).optional(),
      }),
    )
    .optional(),
  timeout: z
    .array(z.strictObject({ route: z.string().optional(), times: z.number().int().min(1).optional() }))
    .optional(),
});

export type SimFaults = z.infer<typeof faultsSchema>;

export type FaultDecision =
  { readonly kind: 'none' } | { readonly kind: 'error'; readonly status: number } | { readonly kind: 'timeout' };

interface Countdown {
  readonly route: string;
  remaining: number;
  readonly status: number;
}

function matches(rule: string, route: string): boolean {
  return rule === '*' || rule === route;
}

export class FaultInjector {
  private latency = 0;
  private rates: Readonly<Record<string, number>> = {};
  private failures: Countdown[] = [];
  private timeouts: Countdown[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** Replaces every fault; an empty object clears them. */
  set(faults: SimFaults): void {
    this.latency = faults.latencyMs ?? 0;
    this.rates = faults.errorRate ?? {};
    this.failures = (faults.fail ?? []).map((f) => ({
      route: f.route ?? '*',
      remaining: f.times ?? 1,
      status: f.status ?? 503,
    }));
    this.timeouts = (faults.timeout ?? []).map((t) => ({ route: t.route ?? '*', remaining: t.times ?? 1, status: 0 }));
  }

  latencyMs(): number {
    return this.latency;
  }

  decide(route: string): FaultDecision {
    const timeout = this.timeouts.find((t) => t.remaining > 0 && matches(t.route, route));
    if (timeout !== undefined) {
      timeout.remaining -= 1;
      return { kind: 'timeout' };
    }
    const failure = this.failures.find((f) => f.remaining > 0 && matches(f.route, route));
    if (failure !== undefined) {
      failure.remaining -= 1;
      return { kind: 'error', status: failure.status };
    }
    const rate = this.rates[route] ?? this.rates['*'] ?? 0;
    return rate > 0 && this.random() < rate ? { kind: 'error', status: 503 } : { kind: 'none' };
  }
}
