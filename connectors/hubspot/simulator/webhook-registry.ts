/** Webhook settings and subscriptions of the one app the simulator hosts (webhooks v3 API state). */
export interface WebhookSettings {
  readonly targetUrl: string;
  readonly maxConcurrentRequests: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Subscription {
  readonly id: number;
  readonly eventType: string;
  readonly propertyName: string | null;
  readonly active: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const FIRST_SUBSCRIPTION_ID = 2_000_001;

export class WebhookRegistry {
  settings: WebhookSettings | null = null;
  private subscriptions = new Map<number, Subscription>();
  private nextId = FIRST_SUBSCRIPTION_ID;

  reset(): void {
    this.settings = null;
    this.subscriptions = new Map();
    this.nextId = FIRST_SUBSCRIPTION_ID;
  }

  setTarget(targetUrl: string, maxConcurrentRequests: number, now: number): WebhookSettings {
    this.settings = { targetUrl, maxConcurrentRequests, createdAt: this.settings?.createdAt ?? now, updatedAt: now };
    return this.settings;
  }

  list(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  get(id: number): Subscription | undefined {
    return this.subscriptions.get(id);
  }

  add(eventType: string, propertyName: string | null, active: boolean, now: number): Subscription {
    const subscription = { id: this.nextId++, eventType, propertyName, active, createdAt: now, updatedAt: now };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  setActive(id: number, active: boolean, now: number): Subscription | undefined {
    const found = this.subscriptions.get(id);
    if (found === undefined) return undefined;
    const next = { ...found, active, updatedAt: now };
    this.subscriptions.set(id, next);
    return next;
  }

  remove(id: number): boolean {
    return this.subscriptions.delete(id);
  }

  find(eventType: string, propertyName: string | null): Subscription | undefined {
    return this.list().find((s) => s.eventType === eventType && s.propertyName === propertyName);
  }

  /** Active subscriptions an event of this type (and property, for propertyChange) is delivered under. */
  matching(eventType: string, propertyName: string | undefined): Subscription[] {
    return this.list().filter(
      (s) => s.active && s.eventType === eventType && (propertyName === undefined || s.propertyName === propertyName),
    );
  }
}
