import { DateTime } from 'luxon';
import type { Queryable } from '../db';
import { toInstant } from '../instant';
import type { MetricThresholds } from '../../metrics/catalogue';
import type { Period } from '../../metrics/period';
import type { Bucket, LeftBehindLead, SlaWeek } from '../../metrics/series';

const WEEK_MS = 7 * 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** SLA compliance of the hand-offs of each of the `weeks` weeks that end with the period's. */
export async function slaTrend(db: Queryable, period: Period, weeks: number, timeZone: string): Promise<SlaWeek[]> {
  const lastMonday = DateTime.fromMillis(period.end - 1, { zone: timeZone }).startOf('week');
  const first = lastMonday.minus({ weeks: weeks - 1 });
  const result = await db.query<{ week: number; met: string; settled: string }>(
    `SELECT floor(extract(epoch FROM handed_off_at - $1::timestamptz) / ${WEEK_MS / 1000})::int AS week,
            count(*) FILTER (WHERE sla_status = 'Met') AS met, count(*) FILTER (WHERE sla_status IN ('Met', 'Breached')) AS settled
     FROM leads WHERE NOT retired AND handed_off_at >= $1 AND handed_off_at < $2 GROUP BY 1`,
    [iso(first.toMillis()), iso(Math.min(lastMonday.plus({ weeks: 1 }).toMillis(), period.end))],
  );
  const byWeek = new Map(result.rows.map((row) => [Number(row.week), row]));
  return Array.from({ length: weeks }, (_, index) => {
    const row = byWeek.get(index);
    const met = Number(row?.met ?? 0);
    const settled = Number(row?.settled ?? 0);
    return {
      weekOf: first.plus({ weeks: index }).toISODate() ?? '',
      met,
      settled,
      value: settled === 0 ? null : met / settled,
    };
  });
}

/** Edges in business minutes: half an hour, an hour, two, four, a business day, two days. */
const ACCEPT_EDGES = [0, 30, 60, 120, 240, 480, 960] as const;

function bucketLabel(from: number, to: number | null): string {
  const show = (minutes: number) => (minutes < 60 ? `${minutes} min` : `${minutes / 60} h`);
  return to === null ? `${show(from)}+` : `${from === 0 ? '0' : show(from)}–${show(to)}`;
}

/** How long Sales took to accept the leads handed off in the period, in business-time buckets. */
export async function timeToAcceptDistribution(db: Queryable, period: Period): Promise<Bucket[]> {
  const result = await db.query<{ bucket: number; n: string }>(
    `SELECT width_bucket(time_to_accept_min, ARRAY[${ACCEPT_EDGES.slice(1).join(', ')}]::integer[]) AS bucket, count(*) AS n
     FROM leads WHERE NOT retired AND handed_off_at >= $1 AND handed_off_at < $2 AND accepted_at >= handed_off_at
       AND time_to_accept_min IS NOT NULL GROUP BY 1`,
    [iso(period.start), iso(period.end)],
  );
  const counts = new Map(result.rows.map((row) => [Number(row.bucket), Number(row.n)]));
  return ACCEPT_EDGES.map((from, index) => {
    const to = ACCEPT_EDGES[index + 1] ?? null;
    return { label: bucketLabel(from, to), from, to, count: counts.get(index) ?? 0 };
  });
}

/**
 * Leads in the pipeline nobody is acting on, oldest first: dormant; accepted or working and idle
 * past the dormancy setting; accepted with no touch past the not-pursued window; handed off with
 * neither acceptance nor rejection past that window.
 */
export async function leftBehind(
  db: Queryable,
  thresholds: MetricThresholds,
  now: number,
  limit: number,
): Promise<LeftBehindLead[]> {
  const result = await db.query(
    `WITH open AS (
       SELECT id, salesforce_id, salesforce_object, hubspot_contact_id, owner_id, campaign, stage, first_touch_at, email,
              -- What the contact is called, as contactProperties() reads it: HubSpot's values, the agreed ones over them.
              coalesce(state->'crm'->'hubspot', '{}'::jsonb) || coalesce(state->'agreed', '{}'::jsonb) AS person,
              coalesce(last_activity_at, first_touch_at, accepted_at, handed_off_at, created_at) AS since
       FROM leads WHERE NOT retired AND stage IN ('handed_off', 'accepted', 'working', 'dormant')
     ), judged AS (
       SELECT *, CASE
           WHEN stage = 'dormant' THEN 'dormant'
           WHEN stage = 'handed_off' AND since < $3 THEN 'no_decision'
           WHEN stage = 'accepted' AND first_touch_at IS NULL AND since < $3 THEN 'not_pursued'
           WHEN stage IN ('accepted', 'working') AND since < $2 THEN 'sleeping' END AS reason
       FROM open)
     SELECT * FROM judged WHERE reason IS NOT NULL ORDER BY since, id LIMIT $1`,
    [limit, iso(now - thresholds.dormancyDays * 86_400_000), iso(now - thresholds.notPursuedDays * 86_400_000)],
  );
  return result.rows.flatMap((row): LeftBehindLead[] => {
    const reason = row.reason;
    if (reason !== 'sleeping' && reason !== 'dormant' && reason !== 'not_pursued' && reason !== 'no_decision')
      return [];
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
    const person = (row.person ?? {}) as Readonly<Record<string, unknown>>;
    const name = [text(person.firstname), text(person.lastname)].filter((part) => part !== null).join(' ');
    const object = row.salesforce_object;
    return [
      {
        leadId: String(row.id),
        salesforceId: text(row.salesforce_id),
        salesforceObject: object === 'Lead' || object === 'Contact' ? object : null,
        hubspotContactId: text(row.hubspot_contact_id),
        name: name === '' ? null : name,
        company: text(person.company),
        email: text(row.email) ?? text(person.email),
        owner: text(row.owner_id),
        campaign: text(row.campaign),
        stage: String(row.stage),
        reason,
        since: toInstant(row.since) ?? 0,
      },
    ];
  });
}
