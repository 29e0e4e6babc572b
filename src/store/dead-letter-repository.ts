import type { Queryable } from './db';
import { toInstant, type Instant } from './instant';

export interface DeadLetterInput {
  /** Where the work failed: 'outbox', or 'queue:<name>' for a job whose attempts ran out. */
  readonly source: string;
  readonly leadId: string | null;
  readonly crm: string | null;
  readonly kind: string;
  readonly payload: unknown;
  readonly errorCode: string;
  readonly error: string;
  readonly attempts: number;
}

export interface DeadLetter extends DeadLetterInput {
  readonly id: string;
  readonly failedAt: Instant;
  readonly replayedAt: Instant | null;
}

export interface DeadLetterRepository {
  add(entry: DeadLetterInput): Promise<void>;
  /** Open dead letters (not replayed yet), oldest first; with `all`, replayed ones too. */
  list(options?: { all?: boolean; limit?: number }): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | null>;
  /** Marks entries replayed; returns the ids that were still open (so a double replay does nothing). */
  markReplayed(ids: readonly string[]): Promise<string[]>;
}

const SELECT = `SELECT id::text AS id, source, lead_id::text AS lead_id, crm, kind, payload, error_code, error, attempts, failed_at, replayed_at FROM dead_letters`;

export function createDeadLetterRepository(db: Queryable): DeadLetterRepository {
  return {
    async add(entry) {
      await db.query(
        `INSERT INTO dead_letters (source, lead_id, crm, kind, payload, error_code, error, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          entry.source,
          entry.leadId,
          entry.crm,
          entry.kind,
          JSON.stringify(entry.payload),
          entry.errorCode,
          entry.error,
          entry.attempts,
        ],
      );
    },
    async list(options = {}) {
      const result = await db.query(`${SELECT} WHERE ($1 OR replayed_at IS NULL) ORDER BY dead_letters.id LIMIT $2`, [
        options.all === true,
        options.limit ?? 1000,
      ]);
      return result.rows.map(fromRow);
    },
    async get(id) {
      if (!/^[0-9]+$/.test(id)) return null;
      const result = await db.query(`${SELECT} WHERE id = $1`, [id]);
      return result.rows[0] === undefined ? null : fromRow(result.rows[0]);
    },
    async markReplayed(ids) {
      const valid = ids.filter((id) => /^[0-9]+$/.test(id));
      if (valid.length === 0) return [];
      const result = await db.query<{ id: string }>(
        `UPDATE dead_letters SET replayed_at = now() WHERE id = ANY($1::bigint[]) AND replayed_at IS NULL RETURNING id::text AS id`,
        [valid],
      );
      return result.rows.map((row) => row.id);
    },
  };
}

function fromRow(row: Record<string, unknown>): DeadLetter {
  return {
    id: String(row.id),
    source: String(row.source),
    leadId: (row.lead_id as string | null) ?? null,
    crm: (row.crm as string | null) ?? null,
    kind: String(row.kind),
    payload: row.payload,
    errorCode: String(row.error_code),
    error: String(row.error),
    attempts: Number(row.attempts),
    failedAt: toInstant(row.failed_at) ?? 0,
    replayedAt: toInstant(row.replayed_at),
  };
}
