import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '../schema/registry';
import type { Row } from '../schema/values';
import {
  changeSchemaShape,
  compoundValue,
  fieldBitmap,
  type ChangeSchema,
  type ChangeType,
  withType,
} from './change-schema';
import type { EventBus } from './event-bus';

/**
 * Change Data Capture: each committed transaction of a selected object becomes change events on
 * the bus, in commit order, numbered within the transaction (sequenceNumber) and sharing its
 * transactionKey. An update carries only the changed values, with changedFields and nulledFields.
 * A transaction the org is told to drop becomes GAP_* events (header only), and the records of a
 * transaction beyond the overflow limit one GAP_OVERFLOW event per object (100,000 on the platform).
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_other_events_gap.htm
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_other_events_overflow.htm
 */

export const DEFAULT_OVERFLOW_LIMIT = 100_000;

/** What the capture needs of the org's record store: each committed transaction's changes, and the rows. */
export interface CommittedRecords {
  onCommit(listener: (events: readonly ChangeEvent[]) => void): unknown;
  get(object: string, id: string): Row | undefined;
}

interface ChangeEvent {
  readonly kind: 'created' | 'updated' | 'deleted';
  readonly object: string;
  readonly id: string;
}

/** Which transactions to drop: those changing this record, or committed by this user (both when both given). */
export interface DropFilter {
  readonly recordId?: string;
  readonly userId?: string;
}

interface Touched {
  readonly object: string;
  readonly id: string;
  readonly type: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  readonly before: Row | undefined;
  readonly after: Row;
}

export interface CaptureDeps {
  readonly registry: SchemaRegistry;
  readonly store: CommittedRecords;
  readonly bus: EventBus;
  readonly now: () => number;
  readonly apiVersion: string;
  /** The objects selected for change notifications (standard or custom channel members). */
  readonly selected: () => ReadonlySet<string>;
}

export class ChangeCapture {
  private shadow = new Map<string, Row>();
  private schemas = new Map<string, ChangeSchema>();
  private commitNumber = 1_000_000_000n;
  private muted = false;
  /** Transactions to drop: the next ones, or the next ones that match (a record changed, by a user). */
  private dropping: DropFilter[] = [];
  overflowLimit = DEFAULT_OVERFLOW_LIMIT;

  constructor(private readonly deps: CaptureDeps) {
    deps.store.onCommit((events) => this.capture(events));
  }

  /**
   * The next `count` transactions (that match `filter`) reach subscribers as GAP events only, as when
   * the platform loses a transaction's values to an internal error.
   */
  dropTransactions(count: number, filter: DropFilter = {}): void {
    for (let i = 0; i < count; i++) this.dropping.push(filter);
  }

  /** Runs `fn` without publishing what it commits (seeding history); the values are still known. */
  silently<T>(fn: () => T): T {
    const before = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = before;
    }
  }

  /** The schema of an object's change events (its fields can change: custom fields are added). */
  schemaOf(entity: string): ChangeSchema | undefined {
    const object = this.deps.registry.object(entity);
    if (object === undefined) return undefined;
    // Each commit asks; the Avro type is built once per version of the object's fields.
    const shape = changeSchemaShape(object);
    const known = this.schemas.get(shape.id);
    if (known !== undefined) return known;
    const fresh = withType(shape);
    this.schemas.set(fresh.id, fresh);
    return fresh;
  }

  schemaById(id: string): ChangeSchema | undefined {
    return this.schemas.get(id);
  }

  clear(): void {
    this.shadow = new Map();
    this.dropping = [];
  }

  private capture(events: readonly ChangeEvent[]): void {
    const selected = this.deps.selected();
    const touched: Touched[] = [];
    const seen = new Map<string, Touched>();
    for (const event of events) {
      const key = `${event.object}|${event.id}`;
      const after = this.deps.store.get(event.object, event.id);
      if (after === undefined) continue;
      const first = seen.get(key);
      const before = first === undefined ? this.shadow.get(key) : first.before;
      const type =
        event.kind === 'deleted'
          ? 'DELETE'
          : first?.type === 'CREATE' || event.kind === 'created'
            ? 'CREATE'
            : before?.['IsDeleted'] === true && after['IsDeleted'] !== true
              ? 'UNDELETE'
              : 'UPDATE';
      const change: Touched = { object: event.object, id: event.id, type, before, after };
      if (first === undefined) touched.push(change);
      else touched[touched.indexOf(first)] = change;
      seen.set(key, change);
      this.shadow.set(key, after);
    }
    if (this.muted) return;
    const published = touched.filter((t) => selected.has(t.object));
    if (published.length === 0) return;
    const drop = this.dropping.findIndex((d) =>
      published.some(
        (t) =>
          (d.recordId === undefined || t.id === d.recordId) &&
          (d.userId === undefined || t.after['LastModifiedById'] === d.userId),
      ),
    );
    const gap = drop >= 0;
    if (gap) this.dropping.splice(drop, 1);
    this.publish(published, gap);
  }

  private publish(touched: readonly Touched[], gap: boolean): void {
    const transactionKey = randomUUID();
    const commitNumber = (this.commitNumber += 1n);
    const commitTimestamp = this.deps.now();
    let sequenceNumber = 0;
    const overflowed = new Set<string>();
    const events: { entity: string; schemaId: string; payload: Buffer }[] = [];
    touched.forEach((change, index) => {
      const schema = this.schemaOf(change.object);
      if (schema === undefined) return;
      const overflow = index >= this.overflowLimit;
      if (overflow && overflowed.has(change.object)) return;
      if (overflow) overflowed.add(change.object);
      const changeType: ChangeType = overflow ? 'GAP_OVERFLOW' : gap ? `GAP_${change.type}` : change.type;
      const fields = changeType === change.type ? this.values(schema, change) : { values: {}, changed: [], nulled: [] };
      const header = {
        entityName: change.object,
        recordIds: overflow ? [] : [change.id],
        changeType,
        changeOrigin: `com/salesforce/api/rest/${this.deps.apiVersion}`,
        transactionKey,
        sequenceNumber: (sequenceNumber += 1),
        commitTimestamp,
        commitNumber: Number(commitNumber),
        commitUser: String(change.after['LastModifiedById'] ?? ''),
        nulledFields: fields.nulled,
        diffFields: [],
        changedFields: fields.changed,
      };
      const record = Object.fromEntries(schema.fields.map((f) => [f.name, fields.values[f.name] ?? null]));
      const payload = schema.type.toBuffer({ ChangeEventHeader: header, ...record });
      events.push({ entity: change.object, schemaId: schema.id, payload });
    });
    this.deps.bus.append(events);
  }

  /** A create's non-null values; an update's changed values with the bitmaps naming them. */
  private values(
    schema: ChangeSchema,
    change: Touched,
  ): { values: Record<string, unknown>; changed: string[]; nulled: string[] } {
    if (change.type === 'DELETE') return { values: {}, changed: [], nulled: [] };
    const row = change.after;
    const names = new Set<string>();
    for (const f of schema.fields)
      for (const part of f.parts ?? (f.field === undefined ? [] : [f.field]))
        if (change.type !== 'UPDATE' || change.before?.[part.name] !== row[part.name]) names.add(part.name);
    if (isConversion(change)) names.delete('LastModifiedDate');
    const values: Record<string, unknown> = {};
    for (const f of schema.fields) {
      const value = f.parts === undefined && !names.has(f.name) ? null : compoundValue(f, row, names);
      if (value !== null) values[f.name] = value;
    }
    if (change.type !== 'UPDATE') return { values, changed: [], nulled: [] };
    const nulled = new Set([...names].filter((name) => (row[name] ?? null) === null));
    return { values, changed: fieldBitmap(schema.fields, names), nulled: fieldBitmap(schema.fields, nulled) };
  }
}

/**
 * A Lead's update by its conversion. Its change event carries the conversion fields but not
 * LastModifiedDate ("Change Events for Lead Conversion", Change Data Capture Developer Guide).
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_standard_objects_lead_conversion.htm
 */
function isConversion(change: Touched): boolean {
  return (
    change.object === 'Lead' &&
    change.type === 'UPDATE' &&
    change.before?.['IsConverted'] !== true &&
    change.after['IsConverted'] === true
  );
}
