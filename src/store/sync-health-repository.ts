import type { Crm } from '../shared/errors';
import type { LagCounts } from '../shared/sync-lag';
import type { Queryable } from './db';
import { toInstant, type Instant } from './instant';

/** What the store says about the sync right now: gauges read at scrape time and shown on the page. */
export interface SyncFigures {
  readonly outbox: readonly { readonly crm: Crm; readonly rows: number; readonly oldestAgeSeconds: number | null }[];
  /** Open dead letters (not replayed), by CRM and code. */
  readonly deadLetters: readonly { readonly crm: string; readonly code: string; readonly count: number }[];
  /** Leads whose SLA clock runs, by status (on_track, at_risk, breached). */
  readonly slaClocks: readonly { readonly status: string; readonly count: number }[];
}

/** One worker's API use of one CRM over a minute, and the lag of the writes it made into it. */
export interface UsageSample {
  readonly crm: Crm;
  readonly at: Instant;
  readonly process: string;
  readonly calls: number;
  readonly failedCalls: number;
  readonly dailyUsed: number | null;
  readonly dailyLimit: number | null;
  readonly windowRemaining: number | null;
  readonly windowLimit: number | null;
  readonly lagBuckets: LagCounts;
}

/** The lead a piece of failed or waiting work is about, as far as the ledger knows it. */
export interface WorkLead {
  readonly leadId: string | null;
  readonly email: string | null;
  readonly hubspotContactId: string | null;
  readonly salesforceId: string | null;
  readonly salesforceObject: string | null;
}

export interface OpenDeadLetter extends WorkLead {
  readonly id: string;
  readonly crm: string | null;
  readonly kind: string;
  readonly code: string;
  readonly error: string;
  readonly failedAt: Instant;
}

export interface WaitingWrite extends WorkLead {
  readonly id: string;
  readonly crm: Crm;
  readonly kind: string;
  readonly attempts: number;
  readonly waitingSeconds: number;
  /** The last failure's code, when the write has been tried. */
  readonly lastErrorCode: string | null;
}

export interface SyncHealthRepository {
  figures(): Promise<SyncFigures>;
  addUsageSamples(samples: readonly UsageSample[]): Promise<void>;
  usageSince(since: Instant): Promise<UsageSample[]>;
  /** Drops samples older than `before` (the page shows a day; a week is kept). */
  pruneUsageSamples(before: Instant): Promise<void>;
  /** Open dead letters, oldest first, with their lead. */
  openDeadLetters(limit: number): Promise<OpenDeadLetter[]>;
  /** The writes waiting longest in the outbox, with their lead. */
  waitingLongest(limit: number): Promise<WaitingWrite[]>;
}

const LEAD = `l.id::text AS lead_id, l.email, l.hubspot_contact_id, l.salesforce_id, l.salesforce_object`;

export function createSyncHealthRepository(db: Queryable): SyncHealthRepository {
  return {
    async figures() {
      const [outbox, deadLetters, sla] = await Promise.all([
        db.query<{ crm: Crm; rows: number; age: number | null }>(
          `SELECT crm, count(*)::int AS rows, extract(epoch FROM now() - min(created_at))::float8 AS age
           FROM outbox GROUP BY crm`,
        ),
        db.query<{ crm: string; code: string; count: number }>(
          `SELECT coalesce(crm, 'none') AS crm, error_code AS code, count(*)::int AS count
           FROM dead_letters WHERE replayed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
        ),
        db.query<{ status: string; count: number }>(
          `SELECT sla_status AS status, count(*)::int AS count FROM leads
           WHERE sla_status IN ('on_track', 'at_risk', 'breached') AND NOT retired GROUP BY 1 ORDER BY 1`,
        ),
      ]);
      return {
        outbox: outbox.rows.map((r) => ({
          crm: r.crm,
          rows: r.rows,
          oldestAgeSeconds: r.age === null ? null : Number(r.age),
        })),
        deadLetters: deadLetters.rows,
        slaClocks: sla.rows,
      };
    },
    async addUsageSamples(samples) {
      if (samples.length === 0) return;
      await db.query(
        `INSERT INTO crm_usage_samples (crm, at, process, calls, failed_calls, daily_used, daily_limit,
           window_remaining, window_limit, lag_buckets)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[],
           $8::int[], $9::int[], $10::jsonb[])`,
        [
          samples.map((s) => s.crm),
          samples.map((s) => new Date(s.at).toISOString()),
          samples.map((s) => s.process),
          samples.map((s) => s.calls),
          samples.map((s) => s.failedCalls),
          samples.map((s) => s.dailyUsed),
          samples.map((s) => s.dailyLimit),
          samples.map((s) => s.windowRemaining),
          samples.map((s) => s.windowLimit),
          samples.map((s) => JSON.stringify(s.lagBuckets)),
        ],
      );
    },
    async usageSince(since) {
      const result = await db.query(
        `SELECT crm, at, process, calls, failed_calls, daily_used, daily_limit, window_remaining, window_limit, lag_buckets
         FROM crm_usage_samples WHERE at >= $1 ORDER BY at, id`,
        [new Date(since).toISOString()],
      );
      return result.rows.map(sampleFromRow);
    },
    async pruneUsageSamples(before) {
      await db.query('DELETE FROM crm_usage_samples WHERE at < $1', [new Date(before).toISOString()]);
    },
    async openDeadLetters(limit) {
      const result = await db.query(
        `SELECT d.id::text AS id, d.crm, d.kind, d.error_code, d.error, d.failed_at, ${LEAD}
         FROM dead_letters d LEFT JOIN leads l ON l.id = d.lead_id
         WHERE d.replayed_at IS NULL ORDER BY d.failed_at, d.id LIMIT $1`,
        [limit],
      );
      return result.rows.map((row) => ({
        ...leadFromRow(row),
        id: String(row.id),
        crm: (row.crm as string | null) ?? null,
        kind: String(row.kind),
        code: String(row.error_code),
        error: String(row.error),
        failedAt: toInstant(row.failed_at) ?? 0,
      }));
    },
    async waitingLongest(limit) {
      const result = await db.query(
        `SELECT o.id::text AS id, o.crm, o.kind, o.attempts, o.last_error->>'code' AS last_error_code,
           extract(epoch FROM now() - o.created_at)::float8 AS waiting, ${LEAD}
         FROM outbox o LEFT JOIN leads l ON l.id = o.lead_id ORDER BY o.created_at, o.id LIMIT $1`,
        [limit],
      );
      return result.rows.map((row) => ({
        ...leadFromRow(row),
        id: String(row.id),
        crm: row.crm as Crm,
        kind: String(row.kind),
        attempts: Number(row.attempts),
        waitingSeconds: Number(row.waiting),
        lastErrorCode: (row.last_error_code as string | null) ?? null,
      }));
    },
  };
}

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
const count = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function leadFromRow(row: Record<string, unknown>): WorkLead {
  return {
    leadId: text(row.lead_id),
    email: text(row.email),
    hubspotContactId: text(row.hubspot_contact_id),
    salesforceId: text(row.salesforce_id),
    salesforceObject: text(row.salesforce_object),
  };
}

function sampleFromRow(row: Record<string, unknown>): UsageSample {
  const buckets: unknown = typeof row.lag_buckets === 'string' ? JSON.parse(row.lag_buckets) : row.lag_buckets;
  return {
    crm: row.crm as Crm,
    at: toInstant(row.at) ?? 0,
    process: String(row.process),
    calls: Number(row.calls),
    failedCalls: Number(row.failed_calls),
    dailyUsed: count(row.daily_used),
    dailyLimit: count(row.daily_limit),
    windowRemaining: count(row.window_remaining),
    windowLimit: count(row.window_limit),
    lagBuckets: Array.isArray(buckets) ? buckets.map(Number) : [],
  };
}
