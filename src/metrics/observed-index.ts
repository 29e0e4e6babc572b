import { DEFAULT_OBSERVED_INDEX, INDEX_FIGURES, type IndexFigure, type ObservedIndexSettings } from '../protocol';
import { METRICS, type MetricId } from './catalogue';
import { bandOf, type Band } from './diagnostic';

/** Which stored metric each figure of the index reads. */
export const INDEX_METRICS: Readonly<Record<IndexFigure, MetricId>> = {
  slaCompliance: 'sla_compliance',
  firstTouchOnTime: 'first_touch_on_time',
  feedbackCoverage: 'feedback_coverage',
  wastageRate: 'wastage_rate',
  sleepingShare: 'sleeping_share',
};

/** A rate and the number of leads it was computed over (its denominator). */
export interface FigureInput {
  readonly value: number | null;
  readonly denominator: number | null;
}

export interface ObservedInputs {
  /** Leads handed off in the period: the index needs `minimumLeads` of them. */
  readonly handedOff: number;
  readonly figures: Readonly<Record<IndexFigure, FigureInput>>;
}

export interface IndexComponent {
  readonly id: IndexFigure;
  readonly label: string;
  readonly value: number | null;
  readonly weight: number;
  /** 0..1, or null when the figure is left out (too few leads, or a weight of 0). */
  readonly score: number | null;
  readonly explanation: string;
}

export interface ObservedIndex {
  /** On the diagnostic's 20–100 scale, so it sits on the same four bands; null below the minimum counts. */
  readonly score: number | null;
  readonly band: Band | null;
  /** Why there is no score, in words ("not enough leads yet: 12 of 30"); null when there is one. */
  readonly withheld: string | null;
  /** The figure that held the index down (the weakest-link rule), when it did. */
  readonly heldDownBy: IndexFigure | null;
  readonly components: readonly IndexComponent[];
}

const clamp = (value: number): number => Math.min(1, Math.max(0, value));
const percent = (value: number): string => `${(value * 100).toFixed(value < 1 && value > 0.995 ? 1 : 0)} %`;
const onScale = (score: number): number => 20 + 80 * score;

/**
 * What the teams do, on the scale of what they say. Each figure scores 0 at its `poor` level and 1 at
 * its `good` level; the index is 20 + 80 × their weighted mean, so it lands on the diagnostic's four
 * bands. Two rules keep it honest: it is withheld below `minimumLeads` hand-offs (a handful of leads
 * says nothing about a relationship), and it sits at most `weakestLinkPoints` above its weakest figure,
 * because a promise mostly broken (first touches late four times in ten) is not made good by feedback
 * that is complete by design.
 */
export function observedIndex(
  inputs: ObservedInputs,
  settings: ObservedIndexSettings = DEFAULT_OBSERVED_INDEX,
): ObservedIndex {
  const components = INDEX_FIGURES.map((id) => component(id, inputs.figures[id], settings));
  const none = { score: null, band: null, heldDownBy: null, components };
  if (inputs.handedOff < settings.minimumLeads)
    return { ...none, withheld: `not enough leads yet: ${inputs.handedOff} of ${settings.minimumLeads} handed off` };
  const counted = components.filter((c): c is IndexComponent & { score: number } => c.score !== null);
  const weight = counted.reduce((sum, c) => sum + c.weight, 0);
  if (counted.length === 0 || weight === 0)
    return { ...none, withheld: `not enough leads yet behind any figure: each needs ${settings.minimumPerFigure}` };
  const mean = onScale(counted.reduce((sum, c) => sum + c.score * c.weight, 0) / weight);
  const weakest = counted.reduce((low, c) => (c.score < low.score ? c : low));
  const ceiling = onScale(weakest.score) + settings.weakestLinkPoints;
  const score = Math.min(mean, ceiling);
  return { score, band: bandOf(score), withheld: null, heldDownBy: ceiling < mean ? weakest.id : null, components };
}

function component(id: IndexFigure, input: FigureInput, settings: ObservedIndexSettings): IndexComponent {
  const scale = settings.figures[id];
  const base = { id, label: METRICS[INDEX_METRICS[id]].label, value: input.value, weight: scale.weight };
  const count = input.denominator ?? 0;
  if (scale.weight === 0) return { ...base, score: null, explanation: 'left out: its weight is 0 in the protocol' };
  if (input.value === null || count < settings.minimumPerFigure)
    return {
      ...base,
      score: null,
      explanation: `left out: ${count} lead${count === 1 ? '' : 's'} behind it, fewer than ${settings.minimumPerFigure}`,
    };
  return {
    ...base,
    score: clamp((input.value - scale.poor) / (scale.good - scale.poor)),
    explanation: `${percent(input.value)} of ${count}; scores 0 at ${percent(scale.poor)}, 1 at ${percent(scale.good)}`,
  };
}

/** The index of a period from its overall metric values (what the scorecard and the metrics job hold). */
export function observedIndexOf(
  overall: (metric: MetricId) => FigureInput,
  settings: ObservedIndexSettings = DEFAULT_OBSERVED_INDEX,
): ObservedIndex {
  const figures = Object.fromEntries(INDEX_FIGURES.map((id) => [id, overall(INDEX_METRICS[id])])) as Record<
    IndexFigure,
    FigureInput
  >;
  return observedIndex({ handedOff: overall('handed_off').value ?? 0, figures }, settings);
}
