import type { LeadId } from '../shared/ids';
import type { Queryable } from './db';
import { toInstant, type Instant } from './instant';

export interface AuditEntry {
  readonly leadId: LeadId;
  readonly at: Instant;
  /** What happened: transition, refused, violation, write, escalation, ... */
  readonly kind: string;
  readonly fromStage: string | null;
  readonly toStage: string | null;
  /** Why: the webhook event, the rule, the timer or the person that caused it. */
  readonly cause: Readonly<Record<string, unknown>>;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly protocolVersion: string | null;
  /** Recording the same step twice (a redelivered job) keeps one row. */
  readonly dedupeKey: string | null;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
}

export interface AuditRepository {
  /** Appends entries; an entry whose dedupe key is already recorded is skipped. Returns how many were new. */
  append(entries: readonly AuditEntry[]): Promise<number>;
  /** The lead's trail, oldest first. */
  forLead(leadId: LeadId, limit?: number): Promise<StoredAuditEntry[]>;
  /** Entries of some kinds within [from, to), for reports. */
  ofKinds(kinds: readonly string[], from: Instant, to: Instant): Promise<StoredAuditEntry[]>;
}

const SELECT = `SELECT id::text AS id, lead_id, at, kind, from_stage, to_stage, cause, detail, protocol_version, dedupe_key FROM lead_events`;

export function createAuditRepository(db: Queryable): AuditRepository {
  return {
    async append(entries) {
      if (entries.length === 0) return 0;
      const result = await db.query(
        `INSERT INTO lead_events (lead_id, at, kind, from_stage, to_stage, cause, detail, protocol_version, dedupe_key)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          entries.map((e) => e.leadId),
          entries.map((e) => new Date(e.at).toISOString()),
          entries.map((e) => e.kind),
          entries.map((e) => e.fromStage),
          entries.map((e) => e.toStage),
          entries.map((e) => JSON.stringify(e.cause)),
          entries.map((e) => JSON.stringify(e.detail)),
          entries.map((e) => e.protocolVersion),
          entries.map((e) => e.dedupeKey),
        ],
      );
      return result.rowCount;
    },
    async forLead(leadId, limit = 500) {
      const result = await db.query(`${SELECT} WHERE lead_id = $1 ORDER BY id LIMIT $2`, [leadId, limit]);
      return result.rows.map(fromRow);
    },
    async ofKinds(kinds, from, to) {
      const result = await db.query(`${SELECT} WHERE kind = ANY($1::text[]) AND at >= $2 AND at < $3 ORDER BY at, id`, [
        [...kinds],
        new Date(from).toISOString(),
        new Date(to).toISOString(),
      ]);
      return result.rows.map(fromRow);
    },
  };
}

function fromRow(row: Record<string, unknown>): StoredAuditEntry {
  return {
    id: String(row.id),
    leadId: row.lead_id as LeadId,
    at: toInstant(row.at) ?? 0,
    kind: String(row.kind),
    fromStage: (row.from_stage as string | null) ?? null,
    toStage: (row.to_stage as string | null) ?? null,
    cause: row.cause as Record<string, unknown>,
    detail: row.detail as Record<string, unknown>,
    protocolVersion: (row.protocol_version as string | null) ?? null,
    dedupeKey: (row.dedupe_key as string | null) ?? null,
  };
}
