import { z } from 'zod';
import { checkRecycleDays } from './common.schema';

export const DORMANCY_ACTIONS = ['notify_owner', 'notify_manager', 'return_to_marketing', 'disqualify'] as const;
export type DormancyAction = (typeof DORMANCY_ACTIONS)[number];

/** When an accepted or working lead with no activity counts as sleeping, and what then. */
export const dormancySchema = z
  .strictObject({
    afterDays: z.number().positive().max(3650),
    action: z.enum(DORMANCY_ACTIONS),
    recycleAfterDays: z.number().int().positive().max(3650).optional(),
  })
  .superRefine((dormancy, ctx) => checkRecycleDays(dormancy, 'return_to_marketing', ctx));

export type DormancyDefinition = z.output<typeof dormancySchema>;
