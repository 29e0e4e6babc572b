import type { LeadId } from '../shared/ids';
import type { AlertInput } from './alert-repository';
import type { AuditEntry } from './audit-repository';
import type { Queryable } from './db';
import { LEAD_COLUMNS, toColumnValue, type LeadRecord } from './lead-record';
import { isoOrNull, type OutboxInput } from './outbox-repository';

export interface DecisionToSave {
  readonly record: LeadRecord;
  /** A lead not in the ledger yet: inserted, refused if its id or a CRM id is taken. */
  readonly isNew: boolean;
  readonly audit: readonly AuditEntry[];
  readonly outbox: readonly OutboxInput[];
  /** Ids the lead was known by before (a merge), kept so late events still find it. */
  readonly aliases: readonly { readonly crm: string; readonly externalId: string }[];
  /** SLA alerts for Slack and e-mail, one per channel; one already queued or sent is skipped. */
  readonly alerts?: readonly AlertInput[];
}

type Kind = (typeof LEAD_COLUMNS)[number][2];
type Param = (value: unknown) => string;

const ARRAY_TYPE: Readonly<Record<Kind, string>> = {
  uuid: 'uuid[]',
  text: 'text[]',
  int: 'int[]',
  bool: 'boolean[]',
  instant: 'timestamptz[]',
  numeric: 'numeric[]',
  json: 'jsonb[]',
};

/**
 * Saves many decisions — each lead with its audit rows, CRM writes and aliases — in one statement,
 * which is atomic on its own: one round trip for a whole batch instead of six per lead. A lead is
 * saved only if it is new and free, or still at the version it was read at; the rows that depend
 * on it go in only with it. Returns the ids saved; the caller decides the others again.
 */
export async function saveDecisions(db: Queryable, decisions: readonly DecisionToSave[]): Promise<ReadonlySet<LeadId>> {
  if (decisions.length === 0) return new Set();
  const params: unknown[] = [];
  const p: Param = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const fresh = decisions.filter((d) => d.isNew).map((d) => d.record);
  const known = decisions.filter((d) => !d.isNew).map((d) => d.record);
  const sql = `WITH inserted AS (${insertLeads(fresh, p)}),
    updated AS (${updateLeads(known, p)}),
    saved AS (SELECT id FROM inserted UNION ALL SELECT id FROM updated),
    audit AS (${auditInsert(
      decisions.flatMap((d) => d.audit),
      p,
    )}),
    outbox AS (${outboxInsert(
      decisions.flatMap((d) => d.outbox),
      p,
    )}),
    aliases AS (${aliasInsert(decisions, p)}),
    alerts AS (${alertInsert(
      decisions.flatMap((d) => d.alerts ?? []),
      p,
    )})
    SELECT id::text AS id FROM saved`;
  const result = await db.query<{ id: string }>(sql, params);
  return new Set(result.rows.map((row) => row.id as LeadId));
}

/** The values of one column across records, as one array parameter. */
function column(records: readonly LeadRecord[], [prop, , kind]: (typeof LEAD_COLUMNS)[number], p: Param): string {
  return `${p(records.map((record) => toColumnValue(kind, prop === 'version' && kind === 'int' ? record.version : record[prop])))}::${ARRAY_TYPE[kind]}`;
}

function insertLeads(records: readonly LeadRecord[], p: Param): string {
  if (records.length === 0) return 'SELECT NULL::uuid AS id WHERE false';
  const columns = LEAD_COLUMNS.map(([, name]) => name).join(', ');
  const arrays = LEAD_COLUMNS.map((col) =>
    column(
      records.map((r) => ({ ...r, version: 1 })),
      col,
      p,
    ),
  ).join(', ');
  return `INSERT INTO leads (${columns}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING RETURNING id`;
}

function updateLeads(records: readonly LeadRecord[], p: Param): string {
  if (records.length === 0) return 'SELECT NULL::uuid AS id WHERE false';
  const columns = LEAD_COLUMNS.map(([, name]) => name);
  const arrays = LEAD_COLUMNS.map((col) => column(records, col, p)).join(', ');
  const sets = columns
    .filter((name) => name !== 'id' && name !== 'version')
    .map((name) => `${name} = v.${name}`)
    .join(', ');
  return `UPDATE leads SET ${sets}, version = leads.version + 1, updated_at = now()
    FROM unnest(${arrays}) AS v(${columns.join(', ')})
    WHERE leads.id = v.id AND leads.version = v.version RETURNING leads.id`;
}

function auditInsert(entries: readonly AuditEntry[], p: Param): string {
  if (entries.length === 0) return 'SELECT 1';
  return `INSERT INTO lead_events (lead_id, at, kind, from_stage, to_stage, cause, detail, protocol_version, dedupe_key)
    SELECT a.* FROM unnest(${p(entries.map((e) => e.leadId))}::uuid[], ${p(entries.map((e) => new Date(e.at).toISOString()))}::timestamptz[],
      ${p(entries.map((e) => e.kind))}::text[], ${p(entries.map((e) => e.fromStage))}::text[], ${p(entries.map((e) => e.toStage))}::text[],
      ${p(entries.map((e) => JSON.stringify(e.cause)))}::jsonb[], ${p(entries.map((e) => JSON.stringify(e.detail)))}::jsonb[],
      ${p(entries.map((e) => e.protocolVersion))}::text[], ${p(entries.map((e) => e.dedupeKey))}::text[])
      AS a(lead_id, at, kind, from_stage, to_stage, cause, detail, protocol_version, dedupe_key)
    WHERE a.lead_id IN (SELECT id FROM saved) ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`;
}

function outboxInsert(rows: readonly OutboxInput[], p: Param): string {
  if (rows.length === 0) return 'SELECT 1';
  return `INSERT INTO outbox (lead_id, crm, kind, payload, priority, dedupe_key, changed_at)
    SELECT o.* FROM unnest(${p(rows.map((r) => r.leadId))}::uuid[], ${p(rows.map((r) => r.crm))}::text[], ${p(rows.map((r) => r.kind))}::text[],
      ${p(rows.map((r) => JSON.stringify(r.payload)))}::jsonb[], ${p(rows.map((r) => r.priority))}::smallint[], ${p(rows.map((r) => r.dedupeKey))}::text[],
      ${p(rows.map((r) => isoOrNull(r.changedAt)))}::timestamptz[])
      AS o(lead_id, crm, kind, payload, priority, dedupe_key, changed_at)
    WHERE o.lead_id IN (SELECT id FROM saved) ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`;
}

function alertInsert(rows: readonly AlertInput[], p: Param): string {
  if (rows.length === 0) return 'SELECT 1';
  return `INSERT INTO alert_deliveries (alert_key, channel, lead_id, payload)
    SELECT a.* FROM unnest(${p(rows.map((r) => r.alertKey))}::text[], ${p(rows.map((r) => r.channel))}::text[],
      ${p(rows.map((r) => r.leadId))}::uuid[], ${p(rows.map((r) => JSON.stringify(r.payload)))}::jsonb[])
      AS a(alert_key, channel, lead_id, payload)
    WHERE a.lead_id IN (SELECT id FROM saved) ON CONFLICT (alert_key, channel) DO NOTHING RETURNING 1`;
}

function aliasInsert(decisions: readonly DecisionToSave[], p: Param): string {
  const aliases = decisions.flatMap((d) => d.aliases.map((alias) => ({ ...alias, leadId: d.record.id })));
  if (aliases.length === 0) return 'SELECT 1';
  return `INSERT INTO lead_aliases (crm, external_id, lead_id)
    SELECT a.* FROM unnest(${p(aliases.map((a) => a.crm))}::text[], ${p(aliases.map((a) => a.externalId))}::text[], ${p(aliases.map((a) => a.leadId))}::uuid[])
      AS a(crm, external_id, lead_id)
    WHERE a.lead_id IN (SELECT id FROM saved) ON CONFLICT (crm, external_id) DO UPDATE SET lead_id = EXCLUDED.lead_id RETURNING 1`;
}
