import type { AggregateSet } from './aggregate-set';
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
import type { DiagnosticSummary } from './diagnostic';
import { observedIndexOf, type ObservedIndex } from './observed-index';
import type { PeriodPair, Period } from './period';
import { namedLead, ownerLabel, sliceName, type Directory, type NamedLead } from './record-names';
import type { Bucket, LeftBehindLead, SlaWeek } from './series';
import { targetRows, type TargetRow } from './targets';
import { NO_MEETINGS, type MeetingsView } from './meetings';

export type MetricValue = Pick<Aggregate, 'numerator' | 'denominator' | 'value'>;
export type MetricValues = Readonly<Record<MetricId, MetricValue>>;

export interface RejectionCount {
  readonly code: string;
  readonly count: number;
}

export interface SliceSummary {
  readonly key: string;
  /** The slice as people read it: the owner's name for an owner id, "none recorded" for no value. */
  readonly label: string;
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
  /** The protocol's targets, each beside its figure, on or off, and its trend. */
  readonly targets: readonly TargetRow[];
  /** Joint meetings against the agreed cadence, and the follow-up of their actions. */
  readonly meetings: MeetingsView;
  readonly leftBehind: readonly NamedLead[];
  /** The org's URL the record links open in; null until the workers have stored it. */
  readonly salesforceUrl: string | null;
  readonly glossary: readonly { readonly metric: MetricId; readonly label: string; readonly definition: string }[];
}

/** What the scorecard of one period is made from, as read from the ledger. */
export interface ScorecardInputs {
  readonly generatedAt: number;
  readonly timeZone: string;
  readonly periods: PeriodPair;
  readonly thresholds: MetricThresholds;
  readonly current: AggregateSet;
  readonly previous: AggregateSet;
  /** The most slices of each dimension shown. */
  readonly sliceLimit: number;
  readonly slaTrend: readonly SlaWeek[];
  readonly timeToAccept: readonly Bucket[];
  readonly diagnostic: ScorecardData['diagnostic'];
  readonly leftBehind: readonly LeftBehindLead[];
  /** Joint meetings of the period; none recorded when absent. */
  readonly meetings?: MeetingsView;
  /** Owner names and the org's URL, as the workers last read them from Salesforce. */
  readonly directory: Directory;
}

/** The scorecard of one period from its numbers: slices, funnel, observed index and glossary. */
export function scorecardModel(inputs: ScorecardInputs): ScorecardData {
  const grouped = group(inputs.current);
  const whole = grouped.get(sliceKey('all', ALL_KEY)) ?? [];
  const overall = metricValues(whole);
  const previous = metricValues(group(inputs.previous).get(sliceKey('all', ALL_KEY)) ?? []);
  const limit = inputs.sliceLimit;
  const named = (key: string) => ownerLabel(key, inputs.directory);
  return {
    generatedAt: inputs.generatedAt,
    timeZone: inputs.timeZone,
    period: inputs.periods.current,
    previousPeriod: inputs.periods.previous,
    thresholds: inputs.thresholds,
    overall,
    previous,
    rejections: rejectionCounts(whole),
    slices: {
      campaign: slices(grouped, 'campaign', limit, sliceName),
      source: slices(grouped, 'source', limit, sliceName),
      territory: slices(grouped, 'territory', limit, sliceName),
      owner: slices(grouped, 'owner', limit, named),
      team: slices(grouped, 'team', limit, sliceName),
    },
    funnel: funnel(overall),
    slaTrend: inputs.slaTrend,
    timeToAccept: inputs.timeToAccept,
    diagnostic: inputs.diagnostic,
    observed: observedIndexOf((metric) => overall[metric], inputs.thresholds.observedIndex),
    targets: targetRows(
      inputs.thresholds.targets,
      (metric) => overall[metric].value,
      (metric) => previous[metric].value,
    ),
    meetings: inputs.meetings ?? NO_MEETINGS,
    leftBehind: inputs.leftBehind.map((lead) => namedLead(lead, inputs.directory)),
    salesforceUrl: inputs.directory.instanceUrl,
    glossary: METRIC_IDS.map((metric) => ({
      metric,
      label: METRICS[metric].label,
      definition: METRICS[metric].definition,
    })),
  };
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

function slices(
  grouped: Grouped,
  dimension: Exclude<Dimension, 'all'>,
  limit: number,
  label: (key: string) => string,
): SliceSummary[] {
  const prefix = sliceKey(dimension, '');
  return [...grouped.entries()]
    .filter(([at]) => at.startsWith(prefix))
    .map(([at, rows]) => ({
      key: at.slice(prefix.length),
      label: label(at.slice(prefix.length)),
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
