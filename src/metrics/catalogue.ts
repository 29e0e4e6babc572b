import type { Cadence, ObservedIndexSettings, Targets } from '../protocol';

/**
 * Every alignment metric, with the exact numerator, denominator and cohort rule that Sales and
 * Marketing read in the report's glossary. The period is [start, end); "now" is when the numbers
 * were computed. Cohorts:
 * - the MQL cohort: leads whose `mql_at` falls in the period;
 * - the hand-off cohort: leads whose `handed_off_at` falls in the period;
 * - the won cohort: leads with outcome won whose `closed_at` falls in the period;
 * - snapshots (sleeping pipeline) describe the pipeline as it stands at "now".
 * A later event of a cohort lead (an acceptance next month) still counts for its cohort, so the
 * figures of a recent period mature as Sales acts. Retired (merged-away) leads never count.
 * Storage convention: a count has value = numerator and no denominator; a rate has value =
 * numerator ÷ denominator (none when the denominator is 0); a median or percentile has the value
 * and the number of observations as denominator; revenue has the sum and the number of deals.
 */
export type MetricKind = 'count' | 'rate' | 'minutes' | 'days' | 'money';
/** Which way is good news, for "what improved, what got worse". */
export type Better = 'higher' | 'lower' | 'neutral';

export interface MetricDefinition {
  readonly label: string;
  readonly kind: MetricKind;
  readonly better: Better;
  readonly definition: string;
}

export const METRICS = {
  mqls: {
    label: 'Marketing-qualified leads',
    kind: 'count',
    better: 'neutral',
    definition: 'Leads that became marketing-qualified (mql_at) in the period.',
  },
  handed_off: {
    label: 'Handed off to Sales',
    kind: 'count',
    better: 'neutral',
    definition: 'Leads handed off to Sales (handed_off_at) in the period.',
  },
  accepted: {
    label: 'Accepted by Sales',
    kind: 'count',
    better: 'higher',
    definition: 'Of the leads handed off in the period, those Sales accepted (at any time since).',
  },
  rejected: {
    label: 'Rejected by Sales',
    kind: 'count',
    better: 'neutral',
    definition: 'Of the leads handed off in the period, those Sales rejected.',
  },
  awaiting_decision: {
    label: 'No decision from Sales',
    kind: 'count',
    better: 'lower',
    definition: 'Of the leads handed off in the period, those neither accepted nor rejected yet.',
  },
  won: { label: 'Won', kind: 'count', better: 'higher', definition: 'Leads closed won (closed_at) in the period.' },
  acceptance_rate: {
    label: 'Acceptance rate',
    kind: 'rate',
    better: 'higher',
    definition: 'Accepted ÷ handed off, both over the leads handed off in the period.',
  },
  wastage_rate: {
    label: 'Wastage rate',
    kind: 'rate',
    better: 'lower',
    definition:
      '1 − accepted ÷ qualified: marketing-qualified leads of the period that Sales has not accepted ÷ marketing-qualified leads of the period.',
  },
  not_pursued_rate: {
    label: 'Not pursued',
    kind: 'rate',
    better: 'lower',
    definition:
      'Leads handed off in the period that Sales neither touched nor rejected within the not-pursued window ÷ leads handed off in the period whose window has ended.',
  },
  sla_compliance: {
    label: 'SLA compliance',
    kind: 'rate',
    better: 'higher',
    definition:
      'Leads handed off in the period whose acceptance SLA was Met ÷ those whose SLA is settled (Met or Breached); open clocks are left out.',
  },
  first_touch_on_time: {
    label: 'First touch on time',
    kind: 'rate',
    better: 'higher',
    definition:
      'Leads handed off in the period first touched by their first-touch deadline ÷ those touched or past the deadline.',
  },
  feedback_coverage: {
    label: 'Feedback coverage',
    kind: 'rate',
    better: 'higher',
    definition:
      'Rejections carrying a valid agreed rejection code ÷ rejections, over the leads handed off in the period.',
  },
  time_to_accept_median: {
    label: 'Time to accept (median)',
    kind: 'minutes',
    better: 'lower',
    definition: 'Median business minutes from hand-off to acceptance, over accepted leads handed off in the period.',
  },
  time_to_accept_p90: {
    label: 'Time to accept (p90)',
    kind: 'minutes',
    better: 'lower',
    definition: '90th percentile of the same business minutes.',
  },
  time_to_first_touch_median: {
    label: 'Time to first touch (median)',
    kind: 'minutes',
    better: 'lower',
    definition:
      'Median business minutes from hand-off to the first sales touch, over touched leads handed off in the period.',
  },
  time_to_first_touch_p90: {
    label: 'Time to first touch (p90)',
    kind: 'minutes',
    better: 'lower',
    definition: '90th percentile of the same business minutes.',
  },
  lead_to_close_days_median: {
    label: 'Lead-to-close (median)',
    kind: 'days',
    better: 'lower',
    definition: 'Median calendar days from marketing-qualified to closed won, over leads won in the period.',
  },
  lead_to_close_days_p75: {
    label: 'Lead-to-close (p75)',
    kind: 'days',
    better: 'lower',
    definition: '75th percentile of the same days.',
  },
  conv_mql_to_handed_off: {
    label: 'MQL → handed off',
    kind: 'rate',
    better: 'higher',
    definition: 'Of the leads marketing-qualified in the period: handed off ÷ qualified.',
  },
  conv_handed_off_to_accepted: {
    label: 'Handed off → accepted',
    kind: 'rate',
    better: 'higher',
    definition: 'Of the same MQL cohort: accepted ÷ handed off.',
  },
  conv_accepted_to_working: {
    label: 'Accepted → working',
    kind: 'rate',
    better: 'higher',
    definition: 'Of the same MQL cohort: working (or beyond) ÷ accepted.',
  },
  conv_working_to_converted: {
    label: 'Working → converted',
    kind: 'rate',
    better: 'higher',
    definition: 'Of the same MQL cohort: converted to an opportunity ÷ working.',
  },
  conv_converted_to_won: {
    label: 'Converted → won',
    kind: 'rate',
    better: 'higher',
    definition: 'Of the same MQL cohort: won ÷ converted.',
  },
  sleeping_pipeline: {
    label: 'Sleeping pipeline',
    kind: 'count',
    better: 'lower',
    definition:
      'Now: accepted or working leads with no activity for longer than the dormancy setting, plus dormant leads.',
  },
  sleeping_share: {
    label: 'Sleeping share',
    kind: 'rate',
    better: 'lower',
    definition: 'Sleeping pipeline ÷ accepted, working and dormant leads, now.',
  },
  mql_revenue: {
    label: 'Revenue from MQLs',
    kind: 'money',
    better: 'higher',
    definition:
      'Amount won in the period by leads that were marketing-qualified; the denominator is the number of deals.',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

/** Rejections of the hand-off cohort per code, as a share of its rejections: `rejected_code:NOT_ICP`. */
export const REJECTION_PREFIX = 'rejected_code:';
/** The code shown for a rejection recorded without any code. */
export const NO_CODE = '(no code)';

export function rejectionMetric(code: string): string {
  return `${REJECTION_PREFIX}${code}`;
}

export function definitionOf(metric: string): MetricDefinition {
  if (metric in METRICS) return METRICS[metric as MetricId];
  const code = metric.startsWith(REJECTION_PREFIX) ? metric.slice(REJECTION_PREFIX.length) : metric;
  return {
    label: `Rejected: ${code}`,
    kind: 'rate',
    better: 'neutral',
    definition: `Rejections coded ${code} ÷ all rejections of the hand-off cohort.`,
  };
}

export const DIMENSIONS = ['all', 'campaign', 'source', 'territory', 'owner', 'team'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The key under which the whole ledger is reported (dimension `all`). */
export const ALL_KEY = 'all';
/** The key of leads with no value in a dimension (no campaign, no owner...). */
export const NONE_KEY = '(none)';

/** One stored number: what, for which slice, with the parts it was computed from. */
export interface Aggregate {
  readonly dimension: Dimension;
  readonly key: string;
  readonly metric: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
}

/** Plain numbers the protocol provides (the dormancy rule, the not-pursued window). */
export interface MetricThresholds {
  /** An accepted or working lead with no activity for longer than this is sleeping. */
  readonly dormancyDays: number;
  /** A handed-off lead with no sales touch within this many days counts as not pursued. */
  readonly notPursuedDays: number;
  /** How the observed alignment index weighs and scores its figures (the protocol's defaults when absent). */
  readonly observedIndex?: ObservedIndexSettings;
  /** The targets the teams agreed in the protocol; none when absent. */
  readonly targets?: Targets;
  /** How often the teams agreed to meet (monthly when absent). */
  readonly cadence?: Cadence;
}
