import type { AccessModel } from './access/access-model';
import type { UserAccess } from './access/model';
import type { OrgRules, RuleRequest } from './org-rules';
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
  /** Who may do what: profiles, permission sets, field-level security. */
  readonly permissions: AccessModel;
  /** The org's own rules (assignment, duplicate, validation rules, picklists, record types). */
  readonly orgRules?: OrgRules;
}

/** An org seen by one authenticated user, who becomes CreatedById / LastModifiedById. */
export interface Actor extends Org {
  readonly userId: string;
  /**
   * What the user may do, when the platform enforces it: an API session's user. The simulator's
   * own calls (seeding, conversions a test makes) act as the platform and carry none.
   */
  readonly access?: UserAccess | undefined;
  /** A REST request's rule headers; the org's own rules run only on API writes, never on seeding. */
  readonly request?: RuleRequest | undefined;
}

/** Audit timestamps have whole-second precision on the platform (values end in .000). */
export function auditStamp(now: number): number {
  return Math.floor(now / 1000) * 1000;
}
