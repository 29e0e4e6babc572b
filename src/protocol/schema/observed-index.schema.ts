import { z } from 'zod';

/** The figures the observed alignment index is made of, in the order the scorecard lists them. */
export const INDEX_FIGURES = [
  'slaCompliance',
  'firstTouchOnTime',
  'feedbackCoverage',
  'wastageRate',
  'sleepingShare',
] as const;
export type IndexFigure = (typeof INDEX_FIGURES)[number];

const share = z.number().min(0).max(1);

/**
 * How one figure scores: 0 at `poor`, 1 at `good`, in a straight line between (a figure where lower
 * is better has `good` below `poor`). The weight says how much it counts against the others.
 */
const figureScaleSchema = (defaults: { weight: number; poor: number; good: number }) =>
  z
    .strictObject({
      weight: z.number().min(0).max(10).default(defaults.weight),
      poor: share.default(defaults.poor),
      good: share.default(defaults.good),
    })
    .refine((scale) => scale.poor !== scale.good, { message: 'poor and good must differ', path: ['good'] })
    .prefault({});

/**
 * The defaults are not from the sources (they give no numbers but the 70 % of leads not pursued,
 * 002:15): an agreed turnaround kept fewer than six times in ten is not kept, and 95 % is the
 * level a service agreement usually promises.
 */
export const observedIndexSchema = z
  .strictObject({
    /** Below this many leads handed off in the period, the index shows no score and no band. */
    minimumLeads: z.number().int().min(1).max(100_000).default(30),
    /** A figure computed over fewer leads than this is left out of the index (and says so). */
    minimumPerFigure: z.number().int().min(1).max(100_000).default(10),
    /** The index sits at most this many points above its weakest figure (20 = one band). */
    weakestLinkPoints: z.number().min(0).max(80).default(20),
    figures: z
      .strictObject({
        slaCompliance: figureScaleSchema({ weight: 1, poor: 0.6, good: 0.95 }),
        firstTouchOnTime: figureScaleSchema({ weight: 1, poor: 0.6, good: 0.95 }),
        feedbackCoverage: figureScaleSchema({ weight: 1, poor: 0.5, good: 0.95 }),
        wastageRate: figureScaleSchema({ weight: 1, poor: 0.7, good: 0.2 }),
        sleepingShare: figureScaleSchema({ weight: 1, poor: 0.3, good: 0.05 }),
      })
      .prefault({}),
  })
  .refine((index) => INDEX_FIGURES.some((figure) => index.figures[figure].weight > 0), {
    message: 'at least one figure needs a weight above 0',
    path: ['figures'],
  });

export type ObservedIndexSettings = z.output<typeof observedIndexSchema>;

/** The settings of a protocol file that has no `observedIndex` section. */
export const DEFAULT_OBSERVED_INDEX: ObservedIndexSettings = observedIndexSchema.parse({});
