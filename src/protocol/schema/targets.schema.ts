import { z } from 'zod';

/** The figures a target may be set on: shares (0..1) and medians (business minutes or days). */
export const SHARE_TARGETS = [
  'acceptance_rate',
  'wastage_rate',
  'not_pursued_rate',
  'sla_compliance',
  'first_touch_on_time',
  'feedback_coverage',
  'sleeping_share',
  'conv_mql_to_handed_off',
  'conv_handed_off_to_accepted',
  'conv_converted_to_won',
] as const;
export const TIME_TARGETS = [
  'time_to_accept_median',
  'time_to_first_touch_median',
  'lead_to_close_days_median',
] as const;
export const TARGET_METRICS = [...SHARE_TARGETS, ...TIME_TARGETS] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

const level = z.number().min(0).max(1_000_000);

/** One agreed target: the figure must be at least, or at most, this level. */
export const targetSchema = z.union([z.strictObject({ atLeast: level }), z.strictObject({ atMost: level })], {
  error: 'a target is { atLeast: N } or { atMost: N }',
});
export type Target = z.output<typeof targetSchema>;

/**
 * The targets the two teams agreed, under the protocol's approval (research 6.7, 8.3: jointly set
 * targets, shown identically to each team). A share is written as a fraction (0.7 for 70 %), a
 * time in the metric's own unit: business minutes, or calendar days for lead-to-close.
 */
export const targetsSchema = z.partialRecord(z.enum(TARGET_METRICS), targetSchema).superRefine((targets, ctx) => {
  for (const metric of SHARE_TARGETS) {
    const target = targets[metric];
    const value = target === undefined ? undefined : 'atLeast' in target ? target.atLeast : target.atMost;
    if (value !== undefined && value > 1)
      ctx.addIssue({
        code: 'custom',
        path: [metric],
        message: `${metric} is a share: write ${value} % as ${value / 100}`,
      });
  }
});
export type Targets = z.output<typeof targetsSchema>;
