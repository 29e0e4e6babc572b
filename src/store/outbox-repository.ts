import type { Crm } from '../shared/errors';
import type { LeadId } from '../shared/ids';
import type { Db, Queryable } from './db';
import { toInstant, type Instant } from './instant';

export type OutboxPriority =
  /** Hand-offs and SLA work: what a salesperson is waiting for. */
  | 0
  /** Updates of fields and feedback. */
  | 1
  /** Reconciliation and backfill. */
  | 2;

export interface OutboxInput {
  readonly leadId: LeadId;
  readonly crm: Crm;
  readonly kind: string;
  readonly payload: unknown;
  readonly priority: OutboxPriority;
  readonly dedupeKey: string | null;
  /** When the change in the other CRM that caused this write happened (its own timestamp); null otherwise. */
  readonly changedAt?: Instant | null;
}

export interface OutboxRow {
  readonly id: string;
  readonly leadId: LeadId;
  readonly crm: Crm;
  readonly kind: string;
  readonly payload: unknown;
  readonly priority: OutboxPriority;
  readonly attempts: number;
  readonly createdAt: Instant;
  readonly changedAt: Instant | null;
}

export interface OutboxBacklog {
  readonly ready: number;
  readonly oldestAt: Instant | null;
}

export interface OutboxRepository {
  /** Queues writes; one whose dedupe key is already queued is skipped. */
  enqueue(rows: readonly OutboxInput[]): Promise<number>;
  /**
   * How much is ready to send now (counted up to `upTo`, a full batch is all a relay asks about),
   * and since when the oldest of those waits.
   */
  backlog(crm: Crm, upTo: number): Promise<OutboxBacklog>;
  /**
   * Leases the ready rows of up to `leads` leads (a batch is counted in records, and a lead's several
   * writes become one), most urgent first, never a row whose lead has an earlier write waiting or in
   * flight; a crashed holder's lease simply expires. With `partialAfterMs`, fewer than `leads` leads
   * are leased only once the oldest of their rows has waited that long, decided under the lease's
   * lock: relays that all saw a full batch ready do not each take a sliver of what the first left.
   */
  lease(crm: Crm, leads: number, leaseMs: number, partialAfterMs?: number): Promise<OutboxRow[]>;
  /** Extends the lease of rows still held (not completed, retried or released meanwhile). */
  renew(ids: readonly string[], leaseMs: number): Promise<void>;
  /** Sent: the rows are gone. */
  complete(ids: readonly string[]): Promise<void>;
  /** Failed, worth another try after `delayMs`; counts an attempt. */
  retry(ids: readonly string[], error: { code: string; message: string }, delayMs: number): Promise<void>;
  /** Not tried (the CRM asked us to wait): back to the queue without spending an attempt. */
  release(ids: readonly string[], delayMs: number): Promise<void>;
  /** Failed for good: moved to the dead letters with the reason. */
  deadLetter(rows: readonly OutboxRow[], error: { code: string; message: string }): Promise<void>;
  pending(crm?: Crm): Promise<number>;
}

const COLUMNS = `id::text AS id, lead_id, crm, kind, payload, priority, attempts, created_at, changed_at`;
/** Rows looked at per lead wanted: a lead often has two or three writes waiting. */
const ROWS_PER_LEAD = 3;

export function createOutboxRepository(db: Queryable): OutboxRepository {
  return {
    async enqueue(rows) {
      if (rows.length === 0) return 0;
      const result = await db.query(
        `INSERT INTO outbox (lead_id, crm, kind, payload, priority, dedupe_key, changed_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::smallint[], $6::text[], $7::timestamptz[])
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          rows.map((r) => r.leadId),
          rows.map((r) => r.crm),
          rows.map((r) => r.kind),
          rows.map((r) => JSON.stringify(r.payload)),
          rows.map((r) => r.priority),
          rows.map((r) => r.dedupeKey),
          rows.map((r) => isoOrNull(r.changedAt)),
        ],
      );
      return result.rowCount;
    },
    async backlog(crm, upTo) {
      const result = await db.query<{ ready: number; oldest: Date | string | null }>(
        `SELECT count(*)::int AS ready, min(created_at) AS oldest FROM (
           SELECT created_at FROM outbox
           WHERE crm = $1 AND not_before <= now() AND (leased_until IS NULL OR leased_until < now())
           ORDER BY crm, priority, id LIMIT $2) AS ready`,
        [crm, upTo],
      );
      const row = result.rows[0];
      return { ready: row?.ready ?? 0, oldestAt: toInstant(row?.oldest ?? null) };
    },
    async lease(crm, leads, leaseMs, partialAfterMs) {
      // Leases of one CRM's outbox take turns: the check that no earlier write of the lead is held
      // must see the lease committed just before it, or two relays could each take one of a lead's writes.
      const leased = await inTransaction(db, async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox.' || $1))", [crm]);
        // The next batch is the head of outbox_order_idx. A queue table's statistics are always stale
        // (autovacuum analyzes it a minute late, if at all), and with them the planner would collect
        // every ready row through a bitmap and sort them: 60 ms instead of 9 for 50,000 waiting writes.
        await tx.query('SET LOCAL enable_bitmapscan = off');
        const candidates = await tx.query<Candidate>(
          `SELECT o.id::text AS id, o.lead_id::text AS lead_id,
                  (extract(epoch FROM now() - o.created_at) * 1000)::float8 AS age_ms FROM outbox o
           WHERE o.crm = $1 AND o.not_before <= now() AND (o.leased_until IS NULL OR o.leased_until < now())
             -- Per lead, writes go out in the order they were decided: nothing overtakes an earlier
             -- write of the same lead that is waiting for a retry or held by another relay.
             AND NOT EXISTS (
               SELECT 1 FROM outbox p WHERE p.lead_id = o.lead_id AND p.crm = o.crm AND p.id < o.id
                 AND (p.not_before > now() OR p.leased_until >= now()))
           ORDER BY o.crm, o.priority, o.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [crm, leads * ROWS_PER_LEAD],
        );
        const batch = firstLeads(candidates.rows, leads);
        if (batch.rows.length === 0 || (partialAfterMs !== undefined && !isDue(batch, leads, partialAfterMs)))
          return [];
        const ids = batch.rows.map((row) => row.id);
        const updated = await tx.query(
          `UPDATE outbox SET leased_until = now() + ($2::int * interval '1 millisecond') WHERE id = ANY($1::bigint[]) RETURNING ${COLUMNS}`,
          [ids, leaseMs],
        );
        return updated.rows;
      });
      return leased.map(fromRow).sort((a, b) => a.priority - b.priority || Number(a.id) - Number(b.id));
    },
    async renew(ids, leaseMs) {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE outbox SET leased_until = now() + ($2::int * interval '1 millisecond') WHERE id = ANY($1::bigint[]) AND leased_until IS NOT NULL`,
        [[...ids], Math.round(leaseMs)],
      );
    },
    async complete(ids) {
      if (ids.length > 0) await db.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [[...ids]]);
    },
    async retry(ids, error, delayMs) {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE outbox SET attempts = attempts + 1, leased_until = NULL, last_error = $2,
           not_before = now() + ($3::int * interval '1 millisecond') WHERE id = ANY($1::bigint[])`,
        [[...ids], JSON.stringify(error), Math.round(delayMs)],
      );
    },
    async release(ids, delayMs) {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE outbox SET leased_until = NULL, not_before = now() + ($2::int * interval '1 millisecond') WHERE id = ANY($1::bigint[])`,
        [[...ids], Math.round(delayMs)],
      );
    },
    async deadLetter(rows, error) {
      if (rows.length === 0) return;
      await db.query(
        `WITH gone AS (DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING lead_id, crm, kind, payload, attempts)
         INSERT INTO dead_letters (source, lead_id, crm, kind, payload, error_code, error, attempts)
         SELECT 'outbox', lead_id, crm, kind, payload, $2, $3, attempts + 1 FROM gone`,
        [rows.map((r) => r.id), error.code, error.message],
      );
    },
    async pending(crm) {
      const result = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox WHERE ($1::text IS NULL OR crm = $1)',
        [crm ?? null],
      );
      return result.rows[0]?.n ?? 0;
    },
  };
}

/** The ids of the candidates that belong to the first `leads` leads among them, in order. */
// A type, not an interface: query rows must be indexable.
type Candidate = {
  readonly id: string;
  readonly lead_id: string;
  readonly age_ms: number;
};

/** The candidates' rows of their first `leads` leads, and how many leads that is. */
function firstLeads(candidates: readonly Candidate[], leads: number): { rows: Candidate[]; leads: number } {
  const taken = new Set<string>();
  const rows: Candidate[] = [];
  for (const row of candidates) {
    if (!taken.has(row.lead_id)) {
      if (taken.size >= leads) continue;
      taken.add(row.lead_id);
    }
    rows.push(row);
  }
  return { rows, leads: taken.size };
}

/** A full batch goes at once; a partial one when its oldest row has waited the window. */
function isDue(batch: { rows: readonly Candidate[]; leads: number }, leads: number, partialAfterMs: number): boolean {
  return batch.leads >= leads || batch.rows.some((row) => row.age_ms >= partialAfterMs);
}

/** A Db opens a transaction of its own; a Queryable that is one already runs fn as it is. */
function inTransaction<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db && typeof db.transaction === 'function' ? (db as Db).transaction(fn) : fn(db);
}

function fromRow(row: Record<string, unknown>): OutboxRow {
  return {
    id: String(row.id),
    leadId: row.lead_id as LeadId,
    crm: row.crm as Crm,
    kind: String(row.kind),
    payload: row.payload,
    priority: Number(row.priority) as OutboxPriority,
    attempts: Number(row.attempts),
    createdAt: toInstant(row.created_at) ?? 0,
    changedAt: toInstant(row.changed_at),
  };
}

export function isoOrNull(instant: Instant | null | undefined): string | null {
  return instant === null || instant === undefined ? null : new Date(instant).toISOString();
}
