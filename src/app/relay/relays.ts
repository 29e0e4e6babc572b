import type { OutboxRelay } from './outbox-relay';

/** One outbox relay per CRM, started and closed together (built by the composition root). */
export interface Relays {
  readonly salesforce: OutboxRelay;
  readonly hubspot: OutboxRelay;
  start(): void;
  close(): Promise<void>;
}
