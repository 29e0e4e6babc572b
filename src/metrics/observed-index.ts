import { bandOf, type Band } from './diagnostic';

/** The rates the index is made of, as computed for a period (null when their denominator was 0). */
export interface ObservedInputs {
  readonly slaCompliance: number | null;
  readonly feedbackCoverage: number | null;
  readonly acceptanceRate: number | null;
  readonly wastageRate: number | null;
  /** The wastage rate of the period before, for the trend. */
  readonly previousWastageRate: number | null;
}

export interface IndexComponent {
  readonly id: 'sla_compliance' | 'feedback_coverage' | 'acceptance_rate' | 'wastage_trend';
  readonly label: string;
  /** 0..1, or null when the period gave no data for it (then it is left out of the index). */
  readonly score: number | null;
  readonly explanation: string;
}

export interface ObservedIndex {
  /** On the diagnostic's 20–100 scale, so it sits on the same four bands; null without data. */
  readonly score: number | null;
  readonly band: Band | null;
  readonly components: readonly IndexComponent[];
}

/** A wastage change of this many points (0.10 = 10 points) moves its component from 0.5 to 0 or 1. */
const WASTAGE_SWING = 0.1;

const clamp = (value: number): number => Math.min(1, Math.max(0, value));

/**
 * What the teams do, on the scale of what they say: the mean of four components, each 0..1, mapped
 * onto 20–100 (all at 0 gives 20, the floor of the diagnostic; all at 1 gives 100). Equal weights,
 * because the sources rank none of them above the others. The wastage component rewards the trend:
 * 0.5 for no change, 1 for ten points less waste than the period before, 0 for ten points more;
 * with no earlier period, it is the share not wasted (1 − wastage).
 */
export function observedIndex(inputs: ObservedInputs): ObservedIndex {
  const components: IndexComponent[] = [
    {
      id: 'sla_compliance',
      label: 'SLA compliance',
      score: inputs.slaCompliance,
      explanation: 'share of settled SLA clocks that were met',
    },
    {
      id: 'feedback_coverage',
      label: 'Feedback coverage',
      score: inputs.feedbackCoverage,
      explanation: 'share of rejections with a valid agreed code',
    },
    {
      id: 'acceptance_rate',
      label: 'Acceptance rate',
      score: inputs.acceptanceRate,
      explanation: 'share of handed-off leads Sales accepted',
    },
    wastageComponent(inputs.wastageRate, inputs.previousWastageRate),
  ];
  const present = components.flatMap((c) => (c.score === null ? [] : [clamp(c.score)]));
  if (present.length === 0) return { score: null, band: null, components };
  const score = 20 + 80 * (present.reduce((sum, v) => sum + v, 0) / present.length);
  return { score, band: bandOf(score), components };
}

function wastageComponent(current: number | null, previous: number | null): IndexComponent {
  const base = { id: 'wastage_trend', label: 'Wastage trend' } as const;
  if (current === null) return { ...base, score: null, explanation: 'no marketing-qualified leads in the period' };
  if (previous === null)
    return { ...base, score: 1 - current, explanation: 'no earlier period: share of qualified leads not wasted' };
  const change = previous - current;
  return {
    ...base,
    score: clamp(0.5 + (change / WASTAGE_SWING) * 0.5),
    explanation: `wastage ${change >= 0 ? 'down' : 'up'} ${Math.abs(change * 100).toFixed(1)} points on the period before`,
  };
}
