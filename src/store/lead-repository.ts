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

/** A way to find a lead: by its own id, or by an id it has (or had) in a CRM. */
export interface LeadLookup {
  readonly kind: 'lead' | 'hubspot' | 'salesforce' | 'opportunity';
  readonly id: string;
}

export function lookupKey(lookup: LeadLookup): string {
  return `${lookup.kind}:${lookup.id}`;
}

export interface LeadRepository {
  findById(id: LeadId): Promise<LeadRecord | null>;
  /** By current id, or by an id the lead had before a merge. */
  findByHubSpotId(id: HubSpotContactId): Promise<LeadRecord | null>;
  findBySalesforceId(id: SalesforceId): Promise<LeadRecord | null>;
  findByEmail(email: string): Promise<LeadRecord[]>;
  findByOpportunityId(id: SalesforceId): Promise<LeadRecord | null>;
  /** Many leads in one query, keyed by `lookupKey`; a current id wins over a merged-away one. */
  findMany(lookups: readonly LeadLookup[]): Promise<Map<string, LeadRecord>>;
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
  // One round trip: the current holder of the id first, else the lead it was merged into.
  const byCrmId = (crm: Crm, column: string) => async (id: string) => {
    const result = await db.query(
      `(SELECT ${COLUMN_LIST} FROM leads WHERE ${column} = $1)
       UNION ALL (SELECT ${COLUMN_LIST} FROM leads WHERE id = (SELECT lead_id FROM lead_aliases WHERE crm = $2 AND external_id = $1)) LIMIT 1`,
      [id, crm],
    );
    return result.rows[0] === undefined ? null : fromRow(result.rows[0]);
  };

  return {
    findById: (id) => one('id = $1', [id]),
    findByHubSpotId: byCrmId('hubspot', 'hubspot_contact_id'),
    findBySalesforceId: byCrmId('salesforce', 'salesforce_id'),
    async findByEmail(email) {
      const result = await db.query(
        `SELECT ${COLUMN_LIST} FROM leads WHERE lower(email) = lower($1) ORDER BY created_at`,
        [email],
      );
      return result.rows.map(fromRow);
    },
    findByOpportunityId: (id) => one('opportunity_id = $1', [id]),
    async findMany(lookups) {
      const ids = (kind: LeadLookup['kind']) => [...new Set(lookups.filter((l) => l.kind === kind).map((l) => l.id))];
      const leadIds = ids('lead').filter((id) => /^[0-9a-f-]{36}$/.test(id));
      const result = await db.query(
        `SELECT 0 AS alias, 'hubspot' AS lookup_kind, hubspot_contact_id AS lookup_id, ${COLUMN_LIST} FROM leads WHERE hubspot_contact_id = ANY($1::text[])
         UNION ALL SELECT 0, 'salesforce', salesforce_id, ${COLUMN_LIST} FROM leads WHERE salesforce_id = ANY($2::text[])
         UNION ALL SELECT 0, 'opportunity', opportunity_id, ${COLUMN_LIST} FROM leads WHERE opportunity_id = ANY($3::text[])
         UNION ALL SELECT 0, 'lead', id::text, ${COLUMN_LIST} FROM leads WHERE id = ANY($4::uuid[])
         UNION ALL SELECT 1, a.crm, a.external_id, ${COLUMN_LIST.split(', ')
           .map((c) => `l.${c}`)
           .join(', ')}
           FROM lead_aliases a JOIN leads l ON l.id = a.lead_id
           WHERE (a.crm = 'hubspot' AND a.external_id = ANY($1::text[])) OR (a.crm = 'salesforce' AND a.external_id = ANY($2::text[]))
         ORDER BY alias`,
        [ids('hubspot'), ids('salesforce'), ids('opportunity'), leadIds],
      );
      const found = new Map<string, LeadRecord>();
      for (const row of result.rows) {
        const key = lookupKey({ kind: row.lookup_kind as LeadLookup['kind'], id: String(row.lookup_id) });
        if (!found.has(key)) found.set(key, fromRow(row));
      }
      return found;
    },
    async withTimersDue(before, limit) {
      const result = await db.query(
        `SELECT ${COLUMN_LIST} FROM leads WHERE next_timer_at < $1 ORDER BY next_timer_at LIMIT $2`,
        [new Date(before).toISOString(), limit],
      );
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
async function guardUnique(
  fn: () => Promise<Result<LeadRecord, SaveConflict>>,
): Promise<Result<LeadRecord, SaveConflict>> {
  try {
    return await fn();
  } catch (error) {
    const pgError = error as { code?: unknown; constraint?: unknown };
    if (pgError.code === '23505')
      return err({
        kind: 'duplicate',
        constraint: typeof pgError.constraint === 'string' ? pgError.constraint : 'unique',
      });
    throw error;
  }
}
