import type { IdFactory } from './schema/ids';
import type { SchemaRegistry } from './schema/registry';
import type { RecordStore } from './store';

/** The state every route works on: the data model, the records, the id counters and the clock. */
export interface Org {
  readonly orgId: string;
  readonly registry: SchemaRegistry;
  readonly store: RecordStore;
  readonly ids: IdFactory;
  readonly now: () => number;
}

/** An org seen by one authenticated user, who becomes CreatedById / LastModifiedById. */
export interface Actor extends Org {
  readonly userId: string;
}

/** Audit timestamps have whole-second precision on the platform (values end in .000). */
export function auditStamp(now: number): number {
  return Math.floor(now / 1000) * 1000;
}
