import type { Queryable } from '../store/db';
import { err, ok, type Result } from '../shared/result';
import { computeAggregates, type AggregateSet } from './aggregate-repository';
import {
  ALL_KEY,
  METRIC_IDS,
  METRICS,
  REJECTION_PREFIX,
  type Aggregate,
  type Dimension,
  type MetricId,
  type MetricThresholds,
} from './catalogue';
import { summariseDiagnostic, type DiagnosticSummary } from './diagnostic';
import { loadResponses, loadStatements } from './diagnostic-repository';
import { observedIndex, type ObservedIndex } from './observed-index';
import { resolvePeriod, type Period, type PeriodPair } from './period';
import {
  leftBehind,
  slaTrend,
  timeToAcceptDistribution,
  type Bucket,
  type LeftBehindLead,
  type SlaWeek,
} from './series-query';

export type MetricValue = Pick<Aggregate, 'numerator' | 'denominator' | 'value'>;
export type MetricValues = Readonly<Record<MetricId, MetricValue>>;

export interface RejectionCount {
  readonly code: string;
  readonly count: number;
}

export interface SliceSummary {
  readonly key: string;
  readonly metrics: MetricValues;
  readonly rejections: readonly RejectionCount[];
}

export interface FunnelStep {
  readonly stage: 'mql' | 'handed_off' | 'accepted' | 'working' | 'converted' | 'won';
  readonly label: string;
  readonly count: number;
}

/** Everything the scorecard and the alignment pack show; plain JSON (instants are epoch ms). */
export interface ScorecardData {
  readonly generatedAt: number;
  readonly timeZone: string;
  readonly period: Period;
  readonly previousPeriod: Period;
  readonly thresholds: MetricThresholds;
  readonly overall: MetricValues;
  readonly previous: MetricValues;
  readonly rejections: readonly RejectionCount[];
  /** Slices of each dimension, largest first (by MQLs, then hand-offs), at most `sliceLimit` each. */
  readonly slices: Readonly<Record<Exclude<Dimension, 'all'>, readonly SliceSummary[]>>;
  /** The MQL cohort of the period, stage by stage. */
  readonly funnel: readonly FunnelStep[];
  readonly slaTrend: readonly SlaWeek[];
  readonly timeToAccept: readonly Bucket[];
  readonly diagnostic: DiagnosticSummary & { readonly bankEdited: boolean };
  readonly observed: ObservedIndex;
  readonly leftBehind: readonly LeftBehindLead[];
  readonly glossary: readonly { readonly metric: MetricId; readonly label: string; readonly definition: string }[];
}

export interface ReportOptions {
  /** A period spec (see PERIOD_HELP); 30d when absent. */
  readonly period?: string;
  readonly thresholds: MetricThresholds;
  readonly timeZone?: string;
  /** How far back diagnostic answers count (default 365 days). */
  readonly diagnosticWindowDays?: number;
  readonly sliceLimit?: number;
  readonly leftBehindLimit?: number;
  readonly trendWeeks?: number;
}

/** The data of `leadpact report` and of the scorecard page; an unreadable period is an error. */
export async function reportCommandData(
  db: Queryable,
  options: ReportOptions,
  now: number,
): Promise<Result<ScorecardData, string>> {
  const pair = resolvePeriod(options.period ?? '30d', now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  return ok(await scorecardFor(db, pair.value, options, now));
}

/** The current period and the one before it, both complete, for the monthly alignment pack. */
export async function alignmentPackData(
  db: Queryable,
  options: ReportOptions,
  now: number,
): Promise<Result<{ current: ScorecardData; previous: ScorecardData }, string>> {
  const pair = resolvePeriod(options.period ?? 'previous-month', now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  const earlier = pair.value.previous;
  const length = earlier.end - earlier.start;
  const beforeEarlier: Period = {
    spec: earlier.spec,
    id: `${earlier.id}-before`,
    label: 'the period before',
    start: earlier.start - length,
    end: earlier.start,
  };
  const current = await scorecardFor(db, pair.value, options, now);
  // Beliefs as they stood when the reviewed period began, against beliefs now.
  const previous = await scorecardFor(
    db,
    { current: earlier, previous: beforeEarlier },
    options,
    now,
    pair.value.current.start,
  );
  return ok({ current, previous });
}

const DAY_MS = 86_400_000;

/**
 * The scorecard of one period. Diagnostic answers count up to `beliefsAsOf` (default now, since
 * people answer just before the meeting that reviews a finished period), latest per respondent.
 */
async function scorecardFor(
  db: Queryable,
  pair: PeriodPair,
  options: ReportOptions,
  now: number,
  beliefsAsOf = now,
): Promise<ScorecardData> {
  const timeZone = options.timeZone ?? 'UTC';
  const grouped = group(await computeAggregates(db, pair.current, options.thresholds, now));
  const whole = grouped.get(sliceKey('all', ALL_KEY)) ?? [];
  const overall = metricValues(whole);
  const previous = metricValues(
    group(await computeAggregates(db, pair.previous, options.thresholds, now)).get(sliceKey('all', ALL_KEY)) ?? [],
  );
  const limit = options.sliceLimit ?? 50;
  return {
    generatedAt: now,
    timeZone,
    period: pair.current,
    previousPeriod: pair.previous,
    thresholds: options.thresholds,
    overall,
    previous,
    rejections: rejectionCounts(whole),
    slices: {
      campaign: slices(grouped, 'campaign', limit),
      source: slices(grouped, 'source', limit),
      territory: slices(grouped, 'territory', limit),
      owner: slices(grouped, 'owner', limit),
      team: slices(grouped, 'team', limit),
    },
    funnel: funnel(overall),
    slaTrend: await slaTrend(db, pair.current, options.trendWeeks ?? 12, timeZone),
    timeToAccept: await timeToAcceptDistribution(db, pair.current),
    diagnostic: await beliefs(db, beliefsAsOf, options.diagnosticWindowDays ?? 365),
    observed: observedIndex({
      slaCompliance: overall.sla_compliance.value,
      feedbackCoverage: overall.feedback_coverage.value,
      acceptanceRate: overall.acceptance_rate.value,
      wastageRate: overall.wastage_rate.value,
      previousWastageRate: previous.wastage_rate.value,
    }),
    leftBehind: await leftBehind(db, options.thresholds, now, options.leftBehindLimit ?? 25),
    glossary: METRIC_IDS.map((metric) => ({
      metric,
      label: METRICS[metric].label,
      definition: METRICS[metric].definition,
    })),
  };
}

async function beliefs(db: Queryable, asOf: number, windowDays: number): Promise<ScorecardData['diagnostic']> {
  const bank = await loadStatements(db);
  const responses = await loadResponses(db, asOf - windowDays * DAY_MS, asOf);
  return { ...summariseDiagnostic(responses, bank.statements), bankEdited: bank.edited };
}

const EMPTY: MetricValue = { numerator: null, denominator: null, value: null };

/** The rows of a set by slice, read once however many slices are summarised. */
type Grouped = ReadonlyMap<string, readonly Aggregate[]>;
const sliceKey = (dimension: Dimension, key: string): string => `${dimension}\u0000${key}`;

function group(set: AggregateSet): Grouped {
  const grouped = new Map<string, Aggregate[]>();
  for (const row of set.rows) {
    const at = sliceKey(row.dimension, row.key);
    const rows = grouped.get(at);
    if (rows === undefined) grouped.set(at, [row]);
    else rows.push(row);
  }
  return grouped;
}

function metricValues(rows: readonly Aggregate[]): MetricValues {
  const found = new Map(rows.map((r) => [r.metric, r]));
  return Object.fromEntries(
    METRIC_IDS.map((metric) => {
      const row = found.get(metric);
      return [
        metric,
        row === undefined ? EMPTY : { numerator: row.numerator, denominator: row.denominator, value: row.value },
      ];
    }),
  ) as Record<MetricId, MetricValue>;
}

function rejectionCounts(rows: readonly Aggregate[]): RejectionCount[] {
  return rows
    .filter((r) => r.metric.startsWith(REJECTION_PREFIX))
    .map((r) => ({ code: r.metric.slice(REJECTION_PREFIX.length), count: r.numerator ?? 0 }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

function slices(grouped: Grouped, dimension: Exclude<Dimension, 'all'>, limit: number): SliceSummary[] {
  const prefix = sliceKey(dimension, '');
  return [...grouped.entries()]
    .filter(([at]) => at.startsWith(prefix))
    .map(([at, rows]) => ({
      key: at.slice(prefix.length),
      metrics: metricValues(rows),
      rejections: rejectionCounts(rows),
    }))
    .sort((a, b) => size(b) - size(a) || a.key.localeCompare(b.key))
    .slice(0, limit);
}

const size = (slice: SliceSummary): number =>
  (slice.metrics.mqls.value ?? 0) * 1_000_000 + (slice.metrics.handed_off.value ?? 0);

function funnel(overall: MetricValues): FunnelStep[] {
  return [
    { stage: 'mql', label: 'Marketing-qualified', count: overall.mqls.numerator ?? 0 },
    { stage: 'handed_off', label: 'Handed off', count: overall.conv_mql_to_handed_off.numerator ?? 0 },
    { stage: 'accepted', label: 'Accepted', count: overall.conv_handed_off_to_accepted.numerator ?? 0 },
    { stage: 'working', label: 'Worked', count: overall.conv_accepted_to_working.numerator ?? 0 },
    { stage: 'converted', label: 'Opportunity', count: overall.conv_working_to_converted.numerator ?? 0 },
    { stage: 'won', label: 'Won', count: overall.conv_converted_to_won.numerator ?? 0 },
  ];
}
