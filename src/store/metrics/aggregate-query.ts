import type { Queryable, Row } from '../db';
import {
  ALL_KEY,
  NO_CODE,
  NONE_KEY,
  rejectionMetric,
  type Aggregate,
  type Dimension,
  type MetricId,
  type MetricThresholds,
} from '../../metrics/catalogue';
import type { Period } from '../../metrics/period';

/**
 * The ledger, flagged once per lead: which cohort of the period it belongs to and what became of
 * it. An acceptance or rejection counts only when it answers the latest hand-off (a recycled lead
 * keeps the instants of its earlier round), and each funnel stage requires the one before, so
 * stage conversions never exceed 100 %. Parameters: $1 period start, $2 period end, $3 now, $4 the
 * instant before which an idle accepted lead sleeps, $5 the instant before which a hand-off's
 * not-pursued window has ended, $6 that window in seconds. Only leads in a cohort or in the open
 * pipeline are read.
 */
const BASE = `
WITH p AS (
  SELECT $1::timestamptz AS p_start, $2::timestamptz AS p_end, $3::timestamptz AS p_now,
         $4::timestamptz AS sleep_before, $5::timestamptz AS np_before, make_interval(secs => $6::double precision) AS np_window
), flagged AS (
  SELECT coalesce(campaign, '${NONE_KEY}') AS campaign, coalesce(source, '${NONE_KEY}') AS source,
         coalesce(territory, '${NONE_KEY}') AS territory, coalesce(owner_id, '${NONE_KEY}') AS owner,
         coalesce(team, '${NONE_KEY}') AS team,
         coalesce(mql_at >= p_start AND mql_at < p_end, false) AS in_m,
         coalesce(handed_off_at >= p_start AND handed_off_at < p_end, false) AS in_h,
         coalesce(outcome = 'won' AND closed_at >= p_start AND closed_at < p_end, false) AS won_in_p,
         coalesce(handed_off_at >= mql_at, false) AS ho,
         coalesce(accepted_at >= handed_off_at, false) AS acc,
         coalesce(rejected_at >= handed_off_at, false) AS rej_any,
         (working_at IS NOT NULL OR converted_at IS NOT NULL) AS wrk, converted_at IS NOT NULL AS conv,
         coalesce(outcome = 'won', false) AS won,
         coalesce(handed_off_at < np_before, false) AS np_mature,
         (first_touch_at IS NULL OR first_touch_at > handed_off_at + np_window) AS np_untouched,
         stage IN ('accepted', 'working', 'dormant') AS open_pipe,
         (stage = 'dormant' OR (stage IN ('accepted', 'working')
            AND coalesce(last_activity_at, first_touch_at, accepted_at, handed_off_at) < sleep_before)) AS sleeping,
         coalesce(sla_first_touch_due_at IS NOT NULL AND (first_touch_at IS NOT NULL OR sla_first_touch_due_at < p_now), false) AS ft_due,
         coalesce(rejection_code, '${NO_CODE}') AS code, sla_status, sla_first_touch_due_at, first_touch_at, rejection_valid,
         time_to_accept_min, time_to_first_touch_min, amount, mql_at,
         extract(epoch FROM closed_at - mql_at) / 86400.0 AS close_days
  FROM leads CROSS JOIN p
  WHERE NOT retired AND (
    (mql_at >= p_start AND mql_at < p_end) OR (handed_off_at >= p_start AND handed_off_at < p_end)
    OR (closed_at >= p_start AND closed_at < p_end) OR stage IN ('accepted', 'working', 'dormant'))
), base AS (
  SELECT *, rej_any AND NOT acc AS rej FROM flagged
)`;

const GROUPING_SETS = 'GROUPING SETS ((), (campaign), (source), (territory), (owner), (team))';
const GROUP_COLUMNS =
  'GROUPING(campaign, source, territory, owner, team) AS g, campaign, source, territory, owner, team';

/** Aggregate columns, computed in one pass per grouping set. */
const COLUMNS: Readonly<Record<string, string>> = {
  mqls: 'count(*) FILTER (WHERE in_m)',
  handed_off: 'count(*) FILTER (WHERE in_h)',
  accepted: 'count(*) FILTER (WHERE in_h AND acc)',
  rejected: 'count(*) FILTER (WHERE in_h AND rej)',
  awaiting: 'count(*) FILTER (WHERE in_h AND NOT acc AND NOT rej)',
  won: 'count(*) FILTER (WHERE won_in_p)',
  np_num: 'count(*) FILTER (WHERE in_h AND np_mature AND np_untouched AND NOT rej)',
  np_den: 'count(*) FILTER (WHERE in_h AND np_mature)',
  sla_met: "count(*) FILTER (WHERE in_h AND sla_status = 'Met')",
  sla_settled: "count(*) FILTER (WHERE in_h AND sla_status IN ('Met', 'Breached'))",
  ft_on_time: 'count(*) FILTER (WHERE in_h AND first_touch_at <= sla_first_touch_due_at)',
  ft_due: 'count(*) FILTER (WHERE in_h AND ft_due)',
  fb_valid: 'count(*) FILTER (WHERE in_h AND rej AND rejection_valid IS TRUE)',
  tta_p50: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_accept_min) FILTER (WHERE in_h AND acc)',
  tta_p90: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY time_to_accept_min) FILTER (WHERE in_h AND acc)',
  tta_n: 'count(time_to_accept_min) FILTER (WHERE in_h AND acc)',
  ttf_p50: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_first_touch_min) FILTER (WHERE in_h)',
  ttf_p90: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY time_to_first_touch_min) FILTER (WHERE in_h)',
  ttf_n: 'count(time_to_first_touch_min) FILTER (WHERE in_h)',
  ltc_p50: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY close_days) FILTER (WHERE won_in_p AND mql_at IS NOT NULL)',
  ltc_p75: 'percentile_cont(0.75) WITHIN GROUP (ORDER BY close_days) FILTER (WHERE won_in_p AND mql_at IS NOT NULL)',
  ltc_n: 'count(close_days) FILTER (WHERE won_in_p AND mql_at IS NOT NULL)',
  m_handed: 'count(*) FILTER (WHERE in_m AND ho)',
  m_accepted: 'count(*) FILTER (WHERE in_m AND ho AND acc)',
  m_working: 'count(*) FILTER (WHERE in_m AND ho AND acc AND wrk)',
  m_converted: 'count(*) FILTER (WHERE in_m AND ho AND acc AND wrk AND conv)',
  m_won: 'count(*) FILTER (WHERE in_m AND ho AND acc AND wrk AND conv AND won)',
  sleeping: 'count(*) FILTER (WHERE sleeping)',
  open_pipe: 'count(*) FILTER (WHERE open_pipe)',
  revenue: 'sum(amount) FILTER (WHERE won_in_p AND mql_at IS NOT NULL)',
  revenue_deals: 'count(amount) FILTER (WHERE won_in_p AND mql_at IS NOT NULL)',
};

type Cell = (column: string) => number | null;
type Parts = Omit<Aggregate, 'dimension' | 'key' | 'metric'>;

const count = (n: number | null): Parts => ({ numerator: n ?? 0, denominator: null, value: n ?? 0 });
const rate = (num: number | null, den: number | null): Parts => ({
  numerator: num ?? 0,
  denominator: den ?? 0,
  value: den === null || den === 0 ? null : (num ?? 0) / den,
});
const percentile = (value: number | null, n: number | null): Parts => ({ numerator: null, denominator: n ?? 0, value });

/** How each metric is made from the columns; typed by MetricId so none is forgotten. */
const DERIVE: Readonly<Record<MetricId, (c: Cell) => Parts>> = {
  mqls: (c) => count(c('mqls')),
  handed_off: (c) => count(c('handed_off')),
  accepted: (c) => count(c('accepted')),
  rejected: (c) => count(c('rejected')),
  awaiting_decision: (c) => count(c('awaiting')),
  won: (c) => count(c('won')),
  acceptance_rate: (c) => rate(c('accepted'), c('handed_off')),
  wastage_rate: (c) => rate((c('mqls') ?? 0) - (c('m_accepted') ?? 0), c('mqls')),
  not_pursued_rate: (c) => rate(c('np_num'), c('np_den')),
  sla_compliance: (c) => rate(c('sla_met'), c('sla_settled')),
  first_touch_on_time: (c) => rate(c('ft_on_time'), c('ft_due')),
  feedback_coverage: (c) => rate(c('fb_valid'), c('rejected')),
  time_to_accept_median: (c) => percentile(c('tta_p50'), c('tta_n')),
  time_to_accept_p90: (c) => percentile(c('tta_p90'), c('tta_n')),
  time_to_first_touch_median: (c) => percentile(c('ttf_p50'), c('ttf_n')),
  time_to_first_touch_p90: (c) => percentile(c('ttf_p90'), c('ttf_n')),
  lead_to_close_days_median: (c) => percentile(c('ltc_p50'), c('ltc_n')),
  lead_to_close_days_p75: (c) => percentile(c('ltc_p75'), c('ltc_n')),
  conv_mql_to_handed_off: (c) => rate(c('m_handed'), c('mqls')),
  conv_handed_off_to_accepted: (c) => rate(c('m_accepted'), c('m_handed')),
  conv_accepted_to_working: (c) => rate(c('m_working'), c('m_accepted')),
  conv_working_to_converted: (c) => rate(c('m_converted'), c('m_working')),
  conv_converted_to_won: (c) => rate(c('m_won'), c('m_converted')),
  sleeping_pipeline: (c) => count(c('sleeping')),
  sleeping_share: (c) => rate(c('sleeping'), c('open_pipe')),
  mql_revenue: (c) => ({
    numerator: c('revenue') ?? 0,
    denominator: c('revenue_deals') ?? 0,
    value: c('revenue') ?? 0,
  }),
};

/** GROUPING(campaign, source, territory, owner, team): a bit is set for each column not grouped. */
const SET_OF_GROUPING: Readonly<Record<number, Dimension>> = {
  31: 'all',
  15: 'campaign',
  23: 'source',
  27: 'territory',
  29: 'owner',
  30: 'team',
};

const DIMENSION_COLUMN: Readonly<Record<Exclude<Dimension, 'all'>, string>> = {
  campaign: 'campaign',
  source: 'source',
  territory: 'territory',
  owner: 'owner',
  team: 'team',
};

const DAY_MS = 86_400_000;

function parameters(period: Period, thresholds: MetricThresholds, now: number): unknown[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    iso(period.start),
    iso(period.end),
    iso(now),
    iso(now - thresholds.dormancyDays * DAY_MS),
    iso(now - thresholds.notPursuedDays * DAY_MS),
    thresholds.notPursuedDays * 86_400,
  ];
}

function slice(row: Row): { dimension: Dimension; key: string } {
  const dimension = SET_OF_GROUPING[Number(row.g)];
  if (dimension === undefined) throw new Error(`unexpected grouping ${String(row.g)}`);
  if (dimension === 'all') return { dimension, key: ALL_KEY };
  return { dimension, key: String(row[DIMENSION_COLUMN[dimension]]) };
}

const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Every metric of the period for the whole ledger and for each campaign, source, territory, owner
 * and team, in two grouped scans (metrics, then rejections by code), whatever the number of leads.
 */
export async function queryAggregates(
  db: Queryable,
  period: Period,
  thresholds: MetricThresholds,
  now: number,
): Promise<Aggregate[]> {
  const params = parameters(period, thresholds, now);
  const select = Object.entries(COLUMNS)
    .map(([alias, expression]) => `${expression} AS ${alias}`)
    .join(',\n  ');
  const main = await db.query(
    `${BASE}\nSELECT ${GROUP_COLUMNS},\n  ${select}\nFROM base GROUP BY ${GROUPING_SETS}`,
    params,
  );
  const out: Aggregate[] = [];
  const rejectedBySlice = new Map<string, number>();
  for (const row of main.rows) {
    const where = slice(row);
    const cell: Cell = (column) => toNumber(row[column]);
    rejectedBySlice.set(`${where.dimension}\u0000${where.key}`, cell('rejected') ?? 0);
    for (const [metric, derive] of Object.entries(DERIVE)) out.push({ ...where, metric, ...derive(cell) });
  }
  const codes = await db.query(
    `${BASE}\nSELECT ${GROUP_COLUMNS}, code, count(*) AS n FROM base WHERE in_h AND rej
     GROUP BY GROUPING SETS ((code), (campaign, code), (source, code), (territory, code), (owner, code), (team, code))`,
    params,
  );
  for (const row of codes.rows) {
    const where = slice(row);
    const total = rejectedBySlice.get(`${where.dimension}\u0000${where.key}`) ?? 0;
    out.push({ ...where, metric: rejectionMetric(String(row.code)), ...rate(toNumber(row.n), total) });
  }
  return out;
}
