import { z } from 'zod';
import { duplicateIndexes, hubspotPropertySchema } from './common.schema';
import { patternSchema } from './pattern.schema';

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

const touchCountSchema = z.strictObject({
  /** How many touches at least. */
  atLeast: z.number().int().positive(),
  /** Counted over the last N days before the evaluation instant. */
  withinDays: z.number().positive().max(3650),
  /** Only touches of these kinds (the `kind` of qualification.touches.sources); all kinds when absent. */
  kinds: z.array(z.string().min(1)).min(1).optional(),
});

/** The operators a rule may put on its property; all the ones present must hold. */
const PROPERTY_OPERATORS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'matches',
  'exists',
  'withinDays',
] as const;

/**
 * One scoring rule: a condition over the contact's properties (or its recent touches) worth
 * `points`, with the sentence the hand-off shows when it holds.
 */
export const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a rule id such as "icp-industry"'),
    reason: z.string().min(1).max(200),
    points: z.number().int().min(-1000).max(1000),
    property: hubspotPropertySchema.optional(),
    equals: scalarSchema.optional(),
    notEquals: scalarSchema.optional(),
    in: z.array(scalarSchema).min(1).optional(),
    notIn: z.array(scalarSchema).min(1).optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    /** RE2 syntax, matched on the value's first 1,000 characters (pattern.schema.ts). */
    matches: patternSchema.optional(),
    exists: z.boolean().optional(),
    /** The property holds an instant no older than N days (recency of an event such as a form fill). */
    withinDays: z.number().positive().max(3650).optional(),
    caseSensitive: z.boolean().default(false),
    touches: touchCountSchema.optional(),
  })
  .superRefine((rule, ctx) => {
    const operators = PROPERTY_OPERATORS.filter((op) => rule[op] !== undefined);
    if (rule.touches !== undefined) {
      if (rule.property !== undefined || operators.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['touches'],
          message: 'a touch-count rule takes no property or property operator',
        });
      }
      return;
    }
    if (rule.property === undefined) {
      ctx.addIssue({ code: 'custom', path: ['property'], message: 'a rule needs a property (or a touches condition)' });
    } else if (operators.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['property'],
        message: `a rule needs an operator: one of ${PROPERTY_OPERATORS.join(', ')}`,
      });
    }
  });

const scoreSchema = z
  .strictObject({
    /** The score at which this axis passes (inclusive). */
    threshold: z.number().int(),
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((score, ctx) => {
    for (const index of duplicateIndexes(score.rules, (rule) => rule.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'id'],
        message: `duplicate rule id "${score.rules[index]?.id ?? ''}"`,
      });
    }
  });

const touchSourceSchema = z.strictObject({
  /** A HubSpot datetime property whose every new value is one touch (recent_conversion_date, ...). */
  property: hubspotPropertySchema,
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'expected a touch kind such as "form_submission"'),
});

export const qualificationSchema = z.strictObject({
  /** Marketing's "qualified": the contact matches the ideal customer profile. */
  fit: scoreSchema,
  /** Sales' "qualified": the contact shows it is ready to engage now. */
  readiness: scoreSchema,
  touches: z
    .strictObject({
      sources: z.array(touchSourceSchema).default([]),
      /** How many touches a lead keeps (the newest). */
      keep: z.number().int().min(1).max(500).default(50),
    })
    .prefault({}),
});

export type Rule = z.output<typeof ruleSchema>;
export type ScoreDefinition = z.output<typeof scoreSchema>;
export type QualificationDefinition = z.output<typeof qualificationSchema>;
