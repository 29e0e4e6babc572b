import { z } from 'zod';
import { duplicateIndexes, hubspotPropertySchema, queueIdSchema, slugSchema, userIdSchema } from './common.schema';

const matchSchema = z.strictObject({
  /** Values of routing.countryProperty, compared case-insensitively (list the spellings your forms produce). */
  countries: z.array(z.string().min(1)).min(1).optional(),
  /** Values of routing.regionProperty (a state or province). */
  regions: z.array(z.string().min(1)).min(1).optional(),
  /** Values of routing.segmentProperty. */
  segments: z.array(z.string().min(1)).min(1).optional(),
});

const assignSchema = z
  .strictObject({
    /** A fixed owner (Salesforce user id). */
    owner: userIdSchema.optional(),
    /** A round-robin pool named under routing.pools. */
    pool: slugSchema.optional(),
  })
  .refine(
    (assign) => (assign.owner === undefined) !== (assign.pool === undefined),
    'assign either an owner or a pool, not both and not neither',
  );

const territorySlaSchema = z.strictObject({
  acceptBusinessHours: z.number().positive().max(2000).optional(),
  firstTouchBusinessHours: z.number().positive().max(2000).optional(),
});

const territorySchema = z.strictObject({
  name: slugSchema,
  /** The calendar (under calendars) whose working hours run this territory's SLA clocks. */
  calendar: slugSchema,
  /** All criteria present must match; a territory without `when` takes every lead that reaches it. */
  when: matchSchema.optional(),
  assign: assignSchema,
  /** Windows that differ from the protocol-wide sla section for this territory. */
  sla: territorySlaSchema.optional(),
});

const poolSchema = z.strictObject({
  members: z.array(userIdSchema).min(1),
});

export const routingSchema = z
  .strictObject({
    countryProperty: hubspotPropertySchema.default('country'),
    regionProperty: hubspotPropertySchema.default('state'),
    segmentProperty: hubspotPropertySchema.optional(),
    /** Tried in order; the first territory that matches wins. */
    territories: z.array(territorySchema).min(1),
    pools: z.record(slugSchema, poolSchema).default({}),
    /** Where a lead goes when no territory matches, or a pool has no one left to take it. */
    fallback: z.strictObject({
      queueId: queueIdSchema,
      calendar: slugSchema,
      territory: slugSchema.default('unassigned'),
    }),
  })
  .superRefine((routing, ctx) => {
    for (const index of duplicateIndexes(routing.territories, (territory) => territory.name)) {
      ctx.addIssue({ code: 'custom', path: ['territories', index, 'name'], message: 'duplicate territory name' });
    }
    routing.territories.forEach((territory, index) => {
      if (territory.assign.pool !== undefined && routing.pools[territory.assign.pool] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['territories', index, 'assign', 'pool'],
          message: `no pool "${territory.assign.pool}" under routing.pools`,
        });
      }
      if (territory.when?.segments !== undefined && routing.segmentProperty === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['territories', index, 'when', 'segments'],
          message: 'matching on segments needs routing.segmentProperty',
        });
      }
    });
  });

export type RoutingDefinition = z.output<typeof routingSchema>;
export type Territory = z.output<typeof territorySchema>;
