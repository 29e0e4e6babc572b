/**
 * The org's records in memory. Every write goes through `put`, which keeps the external-id
 * indexes current and records an undo step, so a whole request can be rolled back (allOrNone,
 * Composite) and change events are only announced once the outermost transaction commits.
 */

import type { Row, Value } from './schema/values';

export type { Row, Value };

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface ChangeEvent {
  readonly kind: ChangeKind;
  readonly object: string;
  readonly id: string;
}

interface Entry {
  readonly row: Row;
  /** When this version becomes visible to queries (commit lag); the prior version is shown until then. */
  readonly visibleAt: number;
  readonly prior: Row | undefined;
}

type Listener = (events: readonly ChangeEvent[]) => void;

function indexKey(value: Value, caseSensitive: boolean): string | undefined {
  if (value === null || value === '') return undefined;
  const text = String(value);
  return caseSensitive ? text : text.toLowerCase();
}

export class RecordStore {
  private tables = new Map<string, Map<string, Entry>>();
  private indexes = new Map<string, { field: string; caseSensitive: boolean; map: Map<string, Set<string>> }>();
  private undo: (() => void)[] | undefined;
  private pending: ChangeEvent[] = [];
  private readonly listeners: Listener[] = [];

  constructor(
    private readonly now: () => number,
    private queryLagMs = 0,
  ) {}

  setQueryLag(ms: number): void {
    this.queryLagMs = ms;
  }

  /** Calls `listener` with each committed transaction's changes; returns a function that stops it. */
  onCommit(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  clear(): void {
    this.tables = new Map();
    this.indexes = new Map();
    this.pending = [];
  }

  get(object: string, id: string): Row | undefined {
    return this.table(object).get(id)?.row;
  }

  rows(object: string): Row[] {
    return [...this.table(object).values()].map((entry) => entry.row);
  }

  /** What a query sees now: the latest version once its commit is visible, else the one before. */
  visibleRows(object: string): Row[] {
    const now = this.now();
    const out: Row[] = [];
    for (const entry of this.table(object).values()) {
      const row = entry.visibleAt <= now ? entry.row : entry.prior;
      if (row !== undefined) out.push(row);
    }
    return out;
  }

  /** Ids whose value of an external-id or unique field equals `value` (deleted rows included). */
  lookup(object: string, field: string, value: Value, caseSensitive: boolean): string[] {
    const key = indexKey(value, caseSensitive);
    if (key === undefined) return [];
    return [...(this.index(object, field, caseSensitive).get(key) ?? [])];
  }

  /** Writes a record version; `event` is omitted for platform roll-ups that fire no automation. */
  put(object: string, row: Row, event?: ChangeKind): void {
    const id = String(row['Id']);
    const table = this.table(object);
    const previous = table.get(id);
    const visibleAt = this.now() + this.queryLagMs;
    this.write(object, id, { row, visibleAt, prior: this.queryLagMs > 0 ? previous?.row : undefined });
    this.undo?.push(() => this.write(object, id, previous));
    if (event !== undefined) this.pending.push({ kind: event, object, id });
    if (this.undo === undefined) this.flush();
  }

  /** Removes a record outright (setup metadata has no recycle bin); announces no change event. */
  remove(object: string, id: string): void {
    const previous = this.table(object).get(id);
    if (previous === undefined) return;
    this.write(object, id, undefined);
    this.undo?.push(() => this.write(object, id, previous));
  }

  /**
   * Runs `fn` as one transaction: if it throws, or returns a result `commit` rejects, every write
   * it made is undone and no change event escapes. Transactions nest (savepoints).
   */
  transaction<T>(fn: () => T, commit: (result: T) => boolean = () => true): T {
    const outer = this.undo;
    const savepoint = this.pending.length;
    const steps: (() => void)[] = [];
    this.undo = steps;
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.rollback(steps, savepoint, outer);
      throw error;
    }
    if (!commit(result)) {
      this.rollback(steps, savepoint, outer);
      return result;
    }
    this.undo = outer;
    if (outer === undefined) this.flush();
    else outer.push(...steps);
    return result;
  }

  private rollback(steps: (() => void)[], savepoint: number, outer: (() => void)[] | undefined): void {
    for (const step of steps.reverse()) step();
    this.pending.length = savepoint;
    this.undo = outer;
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    for (const listener of this.listeners) listener(events);
  }

  private table(object: string): Map<string, Entry> {
    let table = this.tables.get(object);
    if (table === undefined) {
      table = new Map();
      this.tables.set(object, table);
    }
    return table;
  }

  private write(object: string, id: string, entry: Entry | undefined): void {
    const table = this.table(object);
    const before = table.get(id)?.row;
    if (entry === undefined) table.delete(id);
    else table.set(id, entry);
    for (const [key, index] of this.indexes) {
      if (!key.startsWith(`${object}|`)) continue;
      const oldKey = before === undefined ? undefined : indexKey(before[index.field] ?? null, index.caseSensitive);
      const newKey = entry === undefined ? undefined : indexKey(entry.row[index.field] ?? null, index.caseSensitive);
      if (oldKey === newKey) continue;
      if (oldKey !== undefined) index.map.get(oldKey)?.delete(id);
      if (newKey !== undefined) index.map.set(newKey, (index.map.get(newKey) ?? new Set()).add(id));
    }
  }

  private index(object: string, field: string, caseSensitive: boolean): Map<string, Set<string>> {
    const key = `${object}|${field}|${caseSensitive}`;
    const existing = this.indexes.get(key);
    if (existing !== undefined) return existing.map;
    const map = new Map<string, Set<string>>();
    for (const [id, entry] of this.table(object)) {
      const value = indexKey(entry.row[field] ?? null, caseSensitive);
      if (value !== undefined) map.set(value, (map.get(value) ?? new Set()).add(id));
    }
    this.indexes.set(key, { field, caseSensitive, map });
    return map;
  }
}
