import type { LeadId } from '../shared/ids';
import type { Queryable } from './db';

/** One alert for one channel, as a decision queues it. */
export interface AlertInput {
  /** The alert: lead, timer and due time. With the channel, unique for good (kept after sending). */
  readonly alertKey: string;
  readonly channel: string;
  readonly leadId: LeadId;
  readonly payload: unknown;
}

export interface AlertDelivery extends AlertInput {
  readonly id: string;
  readonly attempts: number;
}

export interface AlertRepository {
  /**
   * Leases up to `limit` deliveries that are due and neither sent nor given up, oldest first; a
   * crashed holder's lease simply expires.
   */
  lease(limit: number, leaseMs: number): Promise<AlertDelivery[]>;
  /** Delivered: kept, so its key refuses another copy. */
  sent(id: string): Promise<void>;
  /** Not delivered, worth another try after `delayMs`; counts an attempt. */
  retry(id: string, error: string, delayMs: number): Promise<void>;
  /** Not delivered, and no retry would help (the channel refuses it): kept with the reason. */
  fail(id: string, error: string): Promise<void>;
  /** Forgets deliveries sent or given up more than `olderThanMs` ago; returns how many. */
  prune(olderThanMs: number): Promise<number>;
}

const COLUMNS = 'id::text AS id, alert_key, channel, lead_id::text AS lead_id, payload, attempts';

export function createAlertRepository(db: Queryable): AlertRepository {
  return {
    async lease(limit, leaseMs) {
      const result = await db.query<Record<string, unknown>>(
        `UPDATE alert_deliveries SET leased_until = now() + ($2::int * interval '1 millisecond')
         WHERE id IN (
           SELECT id FROM alert_deliveries
           WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= now()
             AND (leased_until IS NULL OR leased_until < now())
           ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [limit, Math.round(leaseMs)],
      );
      return result.rows.map(fromRow).sort((a, b) => Number(a.id) - Number(b.id));
    },
    async sent(id) {
      await db.query('UPDATE alert_deliveries SET sent_at = now(), leased_until = NULL WHERE id = $1', [id]);
    },
    async retry(id, error, delayMs) {
      await db.query(
        `UPDATE alert_deliveries SET attempts = attempts + 1, leased_until = NULL, last_error = $2,
           not_before = now() + ($3::int * interval '1 millisecond') WHERE id = $1`,
        [id, error, Math.round(delayMs)],
      );
    },
    async fail(id, error) {
      await db.query(
        `UPDATE alert_deliveries SET attempts = attempts + 1, leased_until = NULL, last_error = $2, failed_at = now()
         WHERE id = $1`,
        [id, error],
      );
    },
    async prune(olderThanMs) {
      const result = await db.query(
        `DELETE FROM alert_deliveries
         WHERE coalesce(sent_at, failed_at) < now() - ($1::bigint * interval '1 millisecond')`,
        [Math.round(olderThanMs)],
      );
      return result.rowCount;
    },
  };
}

function fromRow(row: Record<string, unknown>): AlertDelivery {
  return {
    id: String(row.id),
    alertKey: String(row.alert_key),
    channel: String(row.channel),
    leadId: row.lead_id as LeadId,
    payload: row.payload,
    attempts: Number(row.attempts),
  };
}
