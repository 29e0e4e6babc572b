import { z } from 'zod';
import { duplicateIndexes, hubspotPropertySchema, salesforceFieldSchema } from './common.schema';

export const SIDES = ['hubspot', 'salesforce'] as const;
export type Side = (typeof SIDES)[number];

const mappingSchema = z
  .strictObject({
    hubspot: hubspotPropertySchema,
    /** The field on a Salesforce Lead. */
    salesforce: salesforceFieldSchema,
    /** The field on a Contact, when hand-off lands on one; null: not written on Contacts. Default: the Lead name. */
    salesforceContact: salesforceFieldSchema.nullable().optional(),
    direction: z.enum(['hubspot_to_salesforce', 'salesforce_to_hubspot', 'both']),
    /** The side that wins a conflict; a change on the other side is reverted and logged. */
    owner: z.enum(SIDES),
    /** HubSpot value -> Salesforce value, for picklists that spell things differently. */
    values: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((mapping, ctx) => {
    const source =
      mapping.direction === 'hubspot_to_salesforce'
        ? 'hubspot'
        : mapping.direction === 'salesforce_to_hubspot'
          ? 'salesforce'
          : null;
    if (source !== null && mapping.owner !== source) {
      ctx.addIssue({
        code: 'custom',
        path: ['owner'],
        message: `a ${mapping.direction} mapping must be owned by ${source}`,
      });
    }
    const targets = Object.values(mapping.values ?? {});
    if (mapping.direction !== 'hubspot_to_salesforce' && new Set(targets).size !== targets.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: 'two HubSpot values map to one Salesforce value, so a Salesforce value cannot flow back',
      });
    }
  });

export const fieldSyncSchema = z
  .strictObject({
    mapping: z.array(mappingSchema).default([]),
    /** A field that changes more often than this in an hour is quarantined: no more writes of it. */
    maxFlipsPerHour: z.number().int().min(1).max(1000).default(6),
  })
  .superRefine((sync, ctx) => {
    for (const index of duplicateIndexes(sync.mapping, (m) => m.hubspot)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mapping', index, 'hubspot'],
        message: 'this HubSpot property is mapped twice',
      });
    }
    for (const index of duplicateIndexes(sync.mapping, (m) => m.salesforce)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mapping', index, 'salesforce'],
        message: 'this Salesforce field is mapped twice',
      });
    }
  });

export type FieldMapping = z.output<typeof mappingSchema>;
export type FieldSyncDefinition = z.output<typeof fieldSyncSchema>;
