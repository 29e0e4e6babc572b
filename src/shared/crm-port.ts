/** Shapes shared by both CRM ports. No SDK type ever crosses a port. */

/** A field value as both CRMs accept it on write; null clears the field. */
export type FieldValue = string | number | boolean | null;

/** What one record of a batch write came to, in the order of the input. */
export type WriteOutcome<Id extends string> =
  | { readonly ok: true; readonly id: Id; readonly created: boolean }
  | {
      readonly ok: false;
      /** The vendor's code (REQUIRED_FIELD_MISSING, PROPERTY_DOESNT_EXIST, ...). */
      readonly code: string;
      readonly message: string;
      /** The fields the vendor blamed, when it named any. */
      readonly fields: readonly string[];
      /** Whether trying the same record again later may succeed (a lock, a rollback caused by another record). */
      readonly retryable: boolean;
      /** The records a CRM duplicate rule found, when that is why the write was refused. */
      readonly duplicates?: readonly { readonly object: string; readonly id: Id }[];
    };

/** Where an incremental read stopped; opaque to callers, stored as JSON in sync_cursors. */
export interface ChangeCursor {
  /** ISO 8601 instant of the last change already read. */
  readonly since: string;
  /** Tie-break for records sharing that instant: the greatest id already read at `since`. */
  readonly afterId: string | null;
}

export interface ChangePage<R> {
  readonly records: readonly R[];
  /** The cursor to store once these records are safely enqueued. */
  readonly next: ChangeCursor;
  /** True when more changes are waiting past `next`. */
  readonly more: boolean;
}

/** API usage as the last responses reported it (Sforce-Limit-Info, X-HubSpot-RateLimit-*). */
export interface ApiUsage {
  readonly calls: number;
  readonly dailyUsed: number | null;
  readonly dailyLimit: number | null;
  /** Remaining requests in the current rolling window, when the CRM reports one. */
  readonly windowRemaining: number | null;
  readonly windowLimit: number | null;
}

/** What an idempotent provisioning run did: a second run lists everything under `unchanged`. */
export interface ProvisionReport {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
}
