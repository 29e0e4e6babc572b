import { z } from 'zod';
import { hubspotPropertySchema } from './common.schema';

export const HANDOFF_TARGETS = ['lead', 'contact_when_account_matches'] as const;

/** What becomes of a qualified contact in Salesforce, and the context packet written with it. */
export const handoffSchema = z.strictObject({
  /** Always a Lead, or a Contact on an existing Account when the e-mail domain matches one. */
  target: z.enum(HANDOFF_TARGETS),
  /** When an existing Account matches, its owner takes the lead instead of the territory's routing. */
  preferAccountOwner: z.boolean().default(true),
  /** Hand-off waits (and Marketing's fix-data clock runs) until every one of these has a value. */
  requiredProperties: z.array(hubspotPropertySchema).default(['email']),
  emailProperty: hubspotPropertySchema.default('email'),
  sourceProperty: hubspotPropertySchema.default('hs_analytics_source'),
  campaignProperty: hubspotPropertySchema.optional(),
  /** A contact with any of these set to true is retired: never handed off, never written to again. */
  optOutProperties: z.array(hubspotPropertySchema).default([]),
  summary: z
    .strictObject({
      /** Qualification_Summary__c is a long text field; the summary never exceeds this many characters. */
      maxLength: z.number().int().min(200).max(32000).default(1000),
      /** How many of the newest touches the summary lists. */
      recentTouches: z.number().int().min(0).max(20).default(5),
    })
    .prefault({}),
});

export type HandoffDefinition = z.output<typeof handoffSchema>;
