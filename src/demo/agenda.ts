import type { TouchKind } from './market-plans';

/** One thing a person in the market does, on a contact known by its market key (`c17`). */
export type Act =
  | { readonly kind: 'arrive'; readonly key: string }
  | { readonly kind: 'touch'; readonly key: string; readonly touch: TouchKind }
  | { readonly kind: 'accept'; readonly key: string }
  | { readonly kind: 'first_touch'; readonly key: string }
  | { readonly kind: 'reject'; readonly key: string; readonly code: string | null }
  | { readonly kind: 'add_code'; readonly key: string; readonly code: string }
  | { readonly kind: 'convert'; readonly key: string }
  | { readonly kind: 'close'; readonly key: string; readonly won: boolean }
  | { readonly kind: 'marketer_edit'; readonly key: string }
  | { readonly kind: 'merge'; readonly key: string };

export interface Scheduled {
  /** Protocol instant. */
  readonly at: number;
  readonly act: Act;
}

/** What is planned, in time order; acts planned for the same instant keep the order they were added in. */
export class Agenda {
  private readonly items: { readonly at: number; readonly seq: number; readonly act: Act }[] = [];
  private seq = 0;

  add(entries: readonly Scheduled[]): void {
    for (const { at, act } of entries) {
      const item = { at, seq: this.seq++, act };
      // Binary search for the first item due later: equal instants stay in insertion order.
      let low = 0;
      let high = this.items.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((this.items[mid]?.at ?? 0) <= at) low = mid + 1;
        else high = mid;
      }
      this.items.splice(low, 0, item);
    }
  }

  /** Removes and returns the acts due at or before `now`, earliest first. */
  takeDue(now: number): Scheduled[] {
    let count = 0;
    while (count < this.items.length && (this.items[count]?.at ?? Infinity) <= now) count++;
    return this.items.splice(0, count).map(({ at, act }) => ({ at, act }));
  }

  get size(): number {
    return this.items.length;
  }
}
