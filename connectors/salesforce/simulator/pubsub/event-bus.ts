import { randomUUID } from 'node:crypto';

/**
 * The org's event bus for change events: every event gets the next replay id and is kept for the
 * retention window (72 hours on the platform), then purged. A replay id from before the purge can
 * no longer be resumed from.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-message-durability.html
 */

export const DEFAULT_RETENTION_MS = 72 * 3_600_000;

export interface BusEvent {
  readonly replayId: bigint;
  readonly entity: string;
  readonly schemaId: string;
  readonly payload: Buffer;
  /** The event's UUID (ProducerEvent.id). */
  readonly id: string;
  readonly at: number;
}

type Listener = () => void;

export class EventBus {
  private events: BusEvent[] = [];
  // Replay ids are not contiguous nor small on the platform; starting high keeps clients honest.
  private next = 100_000n;
  private purgedThrough = 0n;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly now: () => number,
    public retentionMs: number = DEFAULT_RETENTION_MS,
  ) {}

  /** Appends one transaction's events at once: subscribers are woken after the last, never in between. */
  append(events: readonly { entity: string; schemaId: string; payload: Buffer }[]): void {
    this.purge();
    for (const { entity, schemaId, payload } of events) {
      this.events.push({ replayId: this.next, entity, schemaId, payload, id: randomUUID(), at: this.now() });
      this.next += 1n;
    }
    if (events.length > 0) for (const listener of this.listeners) listener();
  }

  /** The replay id of the newest event (or of where the next one goes, before any). */
  latest(): bigint {
    return this.next - 1n;
  }

  /**
   * Whether a subscription can resume after `replayId` without a hole: it was issued, and nothing
   * after it has been purged (the newest purged id itself is still a sound place to resume after).
   */
  canResumeAfter(replayId: bigint): boolean {
    this.purge();
    return replayId >= this.purgedThrough && replayId < this.next;
  }

  /** Events after `replayId` (all retained ones for -1n) that `accept` takes, oldest first, at most `limit`. */
  after(replayId: bigint, accept: (event: BusEvent) => boolean, limit: number): BusEvent[] {
    this.purge();
    const out: BusEvent[] = [];
    for (const event of this.events) {
      if (out.length >= limit) break;
      if (event.replayId > replayId && accept(event)) out.push(event);
    }
    return out;
  }

  onAppend(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.events = [];
    this.purgedThrough = this.next - 1n;
  }

  private purge(): void {
    const horizon = this.now() - this.retentionMs;
    let drop = 0;
    while (drop < this.events.length && (this.events[drop]?.at ?? Infinity) < horizon) drop++;
    if (drop === 0) return;
    this.purgedThrough = this.events[drop - 1]?.replayId ?? this.purgedThrough;
    this.events = this.events.slice(drop);
  }
}
