import { z } from 'zod';
import type { Queryable } from '../store';
import { toInstant } from '../store/instant';
import type { AuditRow } from './narration';

/** The ledger as the demo's status line shows it, live. */
export interface LedgerCounts {
  readonly mqls: number;
  readonly handedOff: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Leads whose SLA status is Breached (an acceptance or a first touch came late, or never). */
  readonly breached: number;
  readonly won: number;
  readonly wonAmount: number;
}

const count = z.coerce.number().int();
const instant = z.unknown().transform((value) => toInstant(value));
const nullableNumber = z.union([z.null(), z.coerce.number()]);

const countsRow = z.object({
  mqls: count,
  handed_off: count,
  accepted: count,
  rejected: count,
  breached: count,
  won: count,
  won_amount: z.coerce.number(),
});

export async function ledgerCounts(db: Queryable): Promise<LedgerCounts> {
  const result = await db.query(`
    SELECT count(*) FILTER (WHERE mql_at IS NOT NULL)::int AS mqls,
           count(*) FILTER (WHERE handed_off_at IS NOT NULL)::int AS handed_off,
           count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS accepted,
           count(*) FILTER (WHERE rejected_at IS NOT NULL)::int AS rejected,
           count(*) FILTER (WHERE sla_status = 'Breached')::int AS breached,
           count(*) FILTER (WHERE outcome = 'won')::int AS won,
           coalesce(sum(amount) FILTER (WHERE outcome = 'won'), 0)::float8 AS won_amount
    FROM leads WHERE NOT retired`);
  const row = countsRow.parse(result.rows[0]);
  return {
    mqls: row.mqls,
    handedOff: row.handed_off,
    accepted: row.accepted,
    rejected: row.rejected,
    breached: row.breached,
    won: row.won,
    wonAmount: row.won_amount,
  };
}

const auditRow = z.object({
  id: z.coerce.number().int(),
  at: instant,
  kind: z.string(),
  to_stage: z.string().nullable(),
  transition: z.string().nullable(),
  text: z.string().nullable(),
  salesforce_id: z.string().nullable(),
  hubspot_contact_id: z.string().nullable(),
  rejection_code: z.string().nullable(),
  amount: nullableNumber,
  sla_status: z.string().nullable(),
  sla_accept_due_at: instant,
  time_to_accept_min: nullableNumber,
});

/** Audit-trail rows recorded after `afterId`, oldest first, with what the narration needs of each lead. */
export async function auditSince(db: Queryable, afterId: number, limit = 500): Promise<AuditRow[]> {
  const result = await db.query(
    `SELECT e.id::text AS id, e.at, e.kind, e.to_stage, e.cause->>'transition' AS transition, e.detail->>'text' AS text,
            l.salesforce_id, l.hubspot_contact_id, l.rejection_code, l.amount::float8 AS amount, l.sla_status,
            l.sla_accept_due_at, l.time_to_accept_min
     FROM lead_events e JOIN leads l ON l.id = e.lead_id
     WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
    [afterId, limit],
  );
  return result.rows.map((raw) => {
    const row = auditRow.parse(raw);
    return {
      id: row.id,
      at: row.at ?? 0,
      kind: row.kind,
      toStage: row.to_stage,
      transition: row.transition,
      text: row.text ?? '',
      lead: {
        salesforceId: row.salesforce_id,
        hubspotContactId: row.hubspot_contact_id,
        rejectionCode: row.rejection_code,
        amount: row.amount,
        slaStatus: row.sla_status,
        slaAcceptDueAt: row.sla_accept_due_at,
        timeToAcceptMin: row.time_to_accept_min,
      },
    };
  });
}

/** How many leads the store holds: the demo refuses to mix its story into an earlier one's. */
export async function leadCount(db: Queryable): Promise<number> {
  const result = await db.query('SELECT count(*)::int AS n FROM leads');
  return z.object({ n: count }).parse(result.rows[0]).n;
}

/** The newest audit-trail row's id: it moves whenever leadpact decides anything. */
export async function lastEventId(db: Queryable): Promise<number> {
  const result = await db.query('SELECT coalesce(max(id), 0)::text AS id FROM lead_events');
  return z.object({ id: count }).parse(result.rows[0]).id;
}
