import type { ChangeEvent } from './change-feed';
import type { HubSpotSimulatorCredentials } from './sim-context';
import { signedDelivery, subscriptionTypeOf, webhookEvent, type WebhookEvent } from './webhook-payload';
import type { WebhookRegistry } from './webhook-registry';
import { postJson } from './webhook-transport';

export interface DeliveryOptions {
  /** How long events gather before a delivery (each request carries at most 100). */
  readonly batchWindowMs: number;
  /** The first retry's upper bound; HubSpot's ten retries over 24 h correspond to ~84,457 ms. */
  readonly retryBaseMs: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly random: () => number;
}

export interface DeliveryStats {
  requests: number;
  deliveredEvents: number;
  failedAttempts: number;
  droppedEvents: number;
}

interface Batch {
  readonly events: readonly WebhookEvent[];
  readonly attemptNumber: number;
}

/** https://developers.hubspot.com/docs/api/webhooks: at most 100 events per request. */
const MAX_EVENTS_PER_REQUEST = 100;
/** HubSpot does not retry these answers: the receiver said it does not want the events. */
const NO_RETRY = new Set([400, 401, 403, 404, 405]);

/**
 * Retry n (1..maxRetries) waits a random time between the previous upper bound and base·2^(n-1),
 * so ten retries spread over ~1023·base, HubSpot's "10 retries over 24 hours, randomised"
 * (https://developers.hubspot.com/changelog/2018-12-10-updated-webhook-retry-logic).
 */
export function retryDelayMs(retry: number, baseMs: number, random: () => number): number {
  const upper = baseMs * 2 ** (retry - 1);
  const lower = retry === 1 ? baseMs / 2 : baseMs * 2 ** (retry - 2);
  return lower + random() * (upper - lower);
}

export class WebhookDelivery {
  readonly stats: DeliveryStats = { requests: 0, deliveredEvents: 0, failedAttempts: 0, droppedEvents: 0 };
  private pending: WebhookEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: (() => void)[] = [];
  private active = 0;
  private abort = new AbortController();
  private nextEventId = 1;

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly credentials: HubSpotSimulatorCredentials,
    /** Stamps X-HubSpot-Request-Timestamp: the host's real time, as HubSpot's, even when records live on a simulated clock. */
    private readonly signingClock: () => number,
    private readonly options: DeliveryOptions,
  ) {}

  onChange(change: ChangeEvent): void {
    if (this.registry.settings === null) return;
    const propertyName = change.kind === 'propertyChange' ? change.propertyName : undefined;
    for (const subscription of this.registry.matching(subscriptionTypeOf(change), propertyName)) {
      this.pending.push(webhookEvent(change, subscription, this.nextEventId++, this.credentials));
    }
    if (this.pending.length > 0 && this.flushTimer === undefined) {
      this.flushTimer = setTimeout(() => this.track(this.flush()), this.options.batchWindowMs);
    }
  }

  /** Sends everything gathered so far now; resolves when it and every delivery under way were answered. */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const events = this.pending.splice(0);
    const sends: Promise<void>[] = [...this.inFlight];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST)
      sends.push(this.send({ events: events.slice(i, i + MAX_EVENTS_PER_REQUEST), attemptNumber: 0 }));
    await Promise.allSettled(sends);
  }

  reset(): void {
    this.stop();
    this.pending = [];
    this.abort = new AbortController();
    Object.assign(this.stats, { requests: 0, deliveredEvents: 0, failedAttempts: 0, droppedEvents: 0 });
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  private stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.abort.abort();
  }

  private async send(batch: Batch): Promise<void> {
    const settings = this.registry.settings;
    const signal = this.abort.signal;
    if (settings === null || signal.aborted) {
      this.stats.droppedEvents += batch.events.length;
      return;
    }
    await this.acquire(settings.maxConcurrentRequests);
    try {
      const delivery = signedDelivery(
        batch.events,
        batch.attemptNumber,
        settings.targetUrl,
        this.credentials.clientSecret,
        this.signingClock(),
      );
      this.stats.requests++;
      const result = await postJson(
        settings.targetUrl,
        delivery.body,
        delivery.headers,
        this.options.timeoutMs,
        signal,
      );
      if (result.kind === 'answered' && result.status >= 200 && result.status < 300)
        this.stats.deliveredEvents += batch.events.length;
      else if (result.kind === 'answered' && NO_RETRY.has(result.status))
        this.stats.droppedEvents += batch.events.length;
      else if (!(result.kind === 'failed' && result.reason === 'aborted'))
        this.retry(batch, result.kind === 'answered' && result.status === 429 ? result.retryAfterMs : undefined);
    } finally {
      this.release();
    }
  }

  private retry(batch: Batch, retryAfterMs: number | undefined): void {
    this.stats.failedAttempts++;
    if (batch.attemptNumber >= this.options.maxRetries) {
      this.stats.droppedEvents += batch.events.length;
      return;
    }
    const delay = retryAfterMs ?? retryDelayMs(batch.attemptNumber + 1, this.options.retryBaseMs, this.options.random);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.track(this.send({ events: batch.events, attemptNumber: batch.attemptNumber + 1 }));
    }, delay);
    this.retryTimers.add(timer);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** HubSpot honours the app's maxConcurrentRequests throttling setting. */
  private async acquire(limit: number): Promise<void> {
    while (this.active >= limit) await new Promise<void>((resolve) => this.slots.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.slots.shift()?.();
  }
}
