import type { Crm } from '../shared/errors';
import type { HubSpotContactId, LeadId, SalesforceId } from '../shared/ids';
import { err, ok, type Result } from '../shared/result';
import type { Queryable, Row } from './db';
import { fromColumnValue, LEAD_COLUMNS, toColumnValue, type LeadRecord } from './lead-record';

export type SaveConflict =
  /** Another writer saved the lead since it was read: reload, decide again. */
  | { readonly kind: 'version_conflict'; readonly current: number | null }
  /** Another lead already holds this CRM id or this lead id. */
  | { readonly kind: 'duplicate'; readonly constraint: string };

const COLUMN_LIST = LEAD_COLUMNS.map(([, column]) => column).join(', ');
const UPDATABLE = LEAD_COLUMNS.filter(([prop]) => prop !== 'id' && prop !== 'version');

export interface LeadRepository {
  findById(id: LeadId): Promise<LeadRecord | null>;
  /** By current id, or by an id the lead had before a merge. */
  findByHubSpotId(id: HubSpotContactId): Promise<LeadRecord | null>;
  findBySalesforceId(id: SalesforceId): Promise<LeadRecord | null>;
  findByEmail(email: string): Promise<LeadRecord[]>;
  findByOpportunityId(id: SalesforceId): Promise<LeadRecord | null>;
  /** Leads whose next timer was due before `before` (a sweep re-fires them; a stale one is a no-op). */
  withTimersDue(before: number, limit: number): Promise<LeadRecord[]>;
  /** Leads in these stages whose last activity is older than `before` (or who never had one since the stage began). */
  inactiveSince(stages: readonly string[], before: number, limit: number): Promise<LeadRecord[]>;
  /** Inserts a new lead at version 1. */
  insert(record: Omit<LeadRecord, 'version'>): Promise<Result<LeadRecord, SaveConflict>>;
  /** Saves the lead if it is still at `record.version`; the saved record has the next version. */
  update(record: LeadRecord): Promise<Result<LeadRecord, SaveConflict>>;
  addAlias(crm: Crm, externalId: string, id: LeadId): Promise<void>;
  /** Leads in id order after `afterId`, for sweeps and reports that walk the whole ledger. */
  page(afterId: LeadId | null, limit: number): Promise<LeadRecord[]>;
  count(): Promise<number>;
}

export function createLeadRepository(db: Queryable): LeadRepository {
  const one = async (where: string, params: readonly unknown[]): Promise<LeadRecord | null> => {
    const result = await db.query(`SELECT ${COLUMN_LIST} FROM leads WHERE ${where} LIMIT 1`, params);
    return result.rows[0] === undefined ? null : fromRow(result.rows[0]);
  };
  const byCrmId = (crm: Crm, column: string) => async (id: string) =>
    (await one(`${column} = $1`, [id])) ??
    one(`id = (SELECT lead_id FROM lead_aliases WHERE crm = $1 AND external_id = $2)`, [crm, id]);

  return {
    findById: (id) => one('id = $1', [id]),
    findByHubSpotId: byCrmId('hubspot', 'hubspot_contact_id'),
    findBySalesforceId: byCrmId('salesforce', 'salesforce_id'),
    async findByEmail(email) {
      const result = await db.query(`SELECT ${COLUMN_LIST} FROM leads WHERE lower(email) = lower($1) ORDER BY created_at`, [email]);
      return result.rows.map(fromRow);
    },
    findByOpportunityId: (id) => one('opportunity_id = $1', [id]),
    async withTimersDue(before, limit) {
      const result = await db.query(`SELECT ${COLUMN_LIST} FROM leads WHERE next_timer_at < $1 ORDER BY next_timer_at LIMIT $2`, [
        new Date(before).toISOString(), limit,
      ]);
      return result.rows.map(fromRow);
    },
    async inactiveSince(stages, before, limit) {
      const result = await db.query(
        `SELECT ${COLUMN_LIST} FROM leads WHERE stage = ANY($1::text[]) AND coalesce(last_activity_at, accepted_at, handed_off_at, created_at) < $2
         ORDER BY id LIMIT $3`,
        [[...stages], new Date(before).toISOString(), limit],
      );
      return result.rows.map(fromRow);
    },
    async insert(record) {
      const full: LeadRecord = { ...record, version: 1 };
      const values = LEAD_COLUMNS.map(([prop, , kind]) => toColumnValue(kind, full[prop]));
      const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
      return guardUnique(async () => {
        await db.query(`INSERT INTO leads (${COLUMN_LIST}) VALUES (${placeholders})`, values);
        return ok(full);
      });
    },
    async update(record) {
      const sets = UPDATABLE.map(([, column], i) => `${column} = $${i + 1}`).join(', ');
      const values = UPDATABLE.map(([prop, , kind]) => toColumnValue(kind, record[prop]));
      const n = values.length;
      return guardUnique(async () => {
        const result = await db.query(
          `UPDATE leads SET ${sets}, version = version + 1, updated_at = now() WHERE id = $${n + 1} AND version = $${n + 2}`,
          [...values, record.id, record.version],
        );
        if (result.rowCount === 1) return ok({ ...record, version: record.version + 1 });
        const current = await db.query<{ version: number }>('SELECT version FROM leads WHERE id = $1', [record.id]);
        return err({ kind: 'version_conflict', current: current.rows[0]?.version ?? null });
      });
    },
    async addAlias(crm, externalId, id) {
      await db.query(
        `INSERT INTO lead_aliases (crm, external_id, lead_id) VALUES ($1, $2, $3)
         ON CONFLICT (crm, external_id) DO UPDATE SET lead_id = EXCLUDED.lead_id`,
        [crm, externalId, id],
      );
    },
    async page(afterId, limit) {
      const result = await db.query(
        `SELECT ${COLUMN_LIST} FROM leads WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
        [afterId, limit],
      );
      return result.rows.map(fromRow);
    },
    async count() {
      const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads');
      return result.rows[0]?.n ?? 0;
    },
  };
}

function fromRow(row: Row): LeadRecord {
  const record: Record<string, unknown> = {};
  for (const [prop, column, kind] of LEAD_COLUMNS) record[prop] = fromColumnValue(kind, row[column]);
  return record as unknown as LeadRecord;
}

// 23505 is PostgreSQL's unique_violation, the same code from pg and from PGlite.
async function guardUnique(fn: () => Promise<Result<LeadRecord, SaveConflict>>): Promise<Result<LeadRecord, SaveConflict>> {
  try {
    return await fn();
  } catch (error) {
    const pgError = error as { code?: unknown; constraint?: unknown };
    if (pgError.code === '23505') return err({ kind: 'duplicate', constraint: typeof pgError.constraint === 'string' ? pgError.constraint : 'unique' });
    throw error;
  }
}
