import { TARGET_METRICS, type Target, type Targets } from '../protocol';
import { METRICS, type MetricId } from './catalogue';
import { compareMetric, formatMetric, type Change } from './format';

/** One agreed target beside the figure of the period: on or off, and which way it moved. */
export interface TargetRow {
  readonly metric: MetricId;
  readonly label: string;
  readonly value: number | null;
  readonly target: Target;
  /** "≥ 70 %", "≤ 4 h". */
  readonly targetText: string;
  /** null when the period gave no figure. */
  readonly on: boolean | null;
  readonly previous: number | null;
  readonly trend: Change;
}

export const targetLevel = (target: Target): number => ('atLeast' in target ? target.atLeast : target.atMost);

export function targetText(metric: MetricId, target: Target): string {
  return `${'atLeast' in target ? '≥' : '≤'} ${formatMetric(metric, targetLevel(target))}`;
}

export function meets(target: Target, value: number | null): boolean | null {
  if (value === null) return null;
  return 'atLeast' in target ? value >= target.atLeast : value <= target.atMost;
}

/** The targets of the protocol, in the catalogue's order, each with this period's and the last one's figure. */
export function targetRows(
  targets: Targets | undefined,
  current: (metric: MetricId) => number | null,
  previous: (metric: MetricId) => number | null,
): TargetRow[] {
  return TARGET_METRICS.flatMap((metric) => {
    const target = targets?.[metric];
    if (target === undefined) return [];
    const value = current(metric);
    const before = previous(metric);
    return [
      {
        metric,
        label: METRICS[metric].label,
        value,
        target,
        targetText: targetText(metric, target),
        on: meets(target, value),
        previous: before,
        trend: compareMetric(metric, value, before),
      },
    ];
  });
}

export const onOffText = (on: boolean | null): string => (on === null ? 'no data' : on ? 'on target' : 'off target');

const TREND_WORDS: Readonly<Record<Change['direction'], string>> = {
  better: 'better',
  worse: 'worse',
  same: 'steady',
  unknown: 'no earlier figure',
};

/** "better (+3.1 pts)", "steady (±0.0 pts)", "no earlier figure". */
export function trendText(change: Change): string {
  return change.direction === 'unknown' ? TREND_WORDS.unknown : `${TREND_WORDS[change.direction]} (${change.text})`;
}

/** One line a person reads: "SLA compliance 72.6 %, target ≥ 90.0 %: off target, worse (−3.1 pts)". */
export function targetLine(row: TargetRow): string {
  return `${row.label} ${formatMetric(row.metric, row.value)}, target ${row.targetText}: ${onOffText(row.on)}, ${trendText(row.trend)}`;
}

/** Salesforce Text fields hold 255 characters. */
export const TARGETS_TEXT_LENGTH = 255;

/**
 * One campaign's figures against the company's targets, for the CRMs: "On 2 of 3 · off: SLA compliance
 * 72.6 % (target ≥ 90.0 %, worse)". Null when no target has a figure for it.
 */
export function targetsSummary(rows: readonly TargetRow[]): string | null {
  const known = rows.filter((row) => row.on !== null);
  if (known.length === 0) return null;
  const off = known.filter((row) => row.on === false);
  const head = `On ${known.length - off.length} of ${known.length}`;
  const parts = off.map(
    (row) =>
      `${row.label} ${formatMetric(row.metric, row.value)} (target ${row.targetText}${row.trend.direction === 'unknown' ? '' : `, ${TREND_WORDS[row.trend.direction]}`})`,
  );
  const text = off.length === 0 ? head : `${head} · off: ${parts.join('; ')}`;
  return text.length <= TARGETS_TEXT_LENGTH ? text : `${text.slice(0, TARGETS_TEXT_LENGTH - 1)}…`;
}
