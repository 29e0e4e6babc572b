import { z } from 'zod';
import { checkRecycleDays, slugSchema } from './common.schema';

export const ESCALATION_ACTIONS = ['notify_manager', 'reassign', 'return_to_marketing'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

const stepSchema = z
  .strictObject({
    /** Business hours after the breach (first step) or after the previous step. */
    afterBusinessHours: z.number().min(0).max(2000),
    action: z.enum(ESCALATION_ACTIONS),
    /** return_to_marketing: the lead goes back to nurturing and may be handed off again after N days. */
    recycleAfterDays: z.number().int().positive().max(3650).optional(),
  })
  .superRefine((step, ctx) => checkRecycleDays(step, 'return_to_marketing', ctx));

const windowSchema = z
  .strictObject({
    /** The window, in business hours of the territory's calendar, counted from the hand-off. */
    businessHours: z.number().positive().max(2000),
    /** When the clock turns "At Risk", as a share of the window. */
    warnAtPercent: z.number().gt(0).lt(100).default(75),
    escalation: z.array(stepSchema).default([]),
  })
  .superRefine((window, ctx) => {
    const last = window.escalation.findIndex((step) => step.action === 'return_to_marketing');
    if (last !== -1 && last < window.escalation.length - 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalation', last + 1],
        message: 'no step can follow return_to_marketing: the lead has left Sales by then',
      });
    }
  });

const marketingWindowSchema = z.strictObject({ businessHours: z.number().positive().max(2000) });

export const slaSchema = z.strictObject({
  /** Sales accepts or rejects the lead. */
  accept: windowSchema,
  /** Sales logs the first touch (a call, an e-mail, a meeting). */
  firstTouch: windowSchema,
  /** Marketing's side of the deal: act on what Sales sent back. */
  marketing: z.strictObject({
    /** Whose working hours Marketing's clocks run on. */
    calendar: slugSchema,
    /** Fix the data after a fix_data rejection or a hand-off blocked by missing properties. */
    fixData: marketingWindowSchema,
    /** Merge the duplicate after a merge rejection. */
    mergeDuplicate: marketingWindowSchema,
  }),
});

export type SlaDefinition = z.output<typeof slaSchema>;
export type SlaWindow = z.output<typeof windowSchema>;
export type EscalationStep = z.output<typeof stepSchema>;
