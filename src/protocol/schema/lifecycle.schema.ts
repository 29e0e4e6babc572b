import { z } from 'zod';
import { STAGES } from './stage-names';

/** A value of a HubSpot enumeration property (an option's internal value, e.g. "salesqualifiedlead"). */
const optionSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected the internal value of a HubSpot option, e.g. "salesqualifiedlead"');

/** The lead stages that can map to HubSpot's own funnel: all but `new`, which means nothing there yet. */
const MAPPABLE = STAGES.filter((stage): stage is Exclude<(typeof STAGES)[number], 'new'> => stage !== 'new');

const stageMapSchema = (defaults: Readonly<Partial<Record<(typeof MAPPABLE)[number], string>>>) =>
  z
    .strictObject(Object.fromEntries(MAPPABLE.map((stage) => [stage, optionSchema.nullable().optional()])))
    .transform((map) => ({ ...defaults, ...map }))
    .prefault({});

/**
 * HubSpot's lifecycle stage as the funnel moves: Marketing's own reports, lists and workflows read
 * lifecyclestage, not leadpact's properties. A stage set to null leaves the property as it is.
 */
export const DEFAULT_LIFECYCLE_STAGES = {
  nurturing: 'lead',
  mql: 'marketingqualifiedlead',
  handed_off: 'marketingqualifiedlead',
  accepted: 'salesqualifiedlead',
  working: 'salesqualifiedlead',
  converted: 'opportunity',
  won: 'customer',
  recycled: 'lead',
} as const;

/** hs_lead_status, the sales side of HubSpot's funnel (its default options). */
export const DEFAULT_LEAD_STATUSES = {
  handed_off: 'NEW',
  accepted: 'OPEN',
  working: 'IN_PROGRESS',
  converted: 'OPEN_DEAL',
  rejected: 'UNQUALIFIED',
  disqualified: 'UNQUALIFIED',
  recycled: 'BAD_TIMING',
} as const;

export const hubspotLifecycleSchema = z
  .strictObject({
    /** Write lifecyclestage and hs_lead_status as the lead moves (default on). */
    enabled: z.boolean().default(true),
    lifecycleStage: stageMapSchema(DEFAULT_LIFECYCLE_STAGES),
    leadStatus: stageMapSchema(DEFAULT_LEAD_STATUSES),
    /**
     * HubSpot moves lifecyclestage only forward; an earlier value is ignored unless the property is
     * cleared first. On these stages leadpact clears it and sets the earlier one (recycling);
     * elsewhere an earlier value is not written.
     */
    moveBackOn: z.array(z.enum(STAGES).exclude(['new'])).default(['recycled']),
    /** Never moved back from these, whatever the stage: a customer stays one. */
    neverMoveBackFrom: z.array(optionSchema).default(['customer', 'evangelist']),
  })
  .prefault({});

export type HubSpotLifecycle = z.output<typeof hubspotLifecycleSchema>;
