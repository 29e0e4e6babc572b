import { z } from 'zod';
import { checkRecycleDays, duplicateIndexes } from './common.schema';

export const REJECTION_ACTIONS = ['recycle', 'disqualify', 'fix_data', 'merge'] as const;
export type RejectionAction = (typeof REJECTION_ACTIONS)[number];

const codeSchema = z
  .strictObject({
    /** What Sales puts in Rejection_Code__c. */
    code: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'expected an upper-case code such as "NOT_READY"'),
    label: z.string().min(1).max(120),
    action: z.enum(REJECTION_ACTIONS),
    /** recycle: days in nurture before the lead may be handed off again. */
    recycleAfterDays: z.number().int().positive().max(3650).optional(),
  })
  .superRefine((code, ctx) => checkRecycleDays(code, 'recycle', ctx));

export const rejectionSchema = z
  .strictObject({
    codes: z.array(codeSchema).min(1),
  })
  .superRefine((rejection, ctx) => {
    for (const index of duplicateIndexes(rejection.codes, (code) => code.code)) {
      ctx.addIssue({ code: 'custom', path: ['codes', index, 'code'], message: 'duplicate rejection code' });
    }
  });

export type RejectionCode = z.output<typeof codeSchema>;
