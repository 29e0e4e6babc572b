import { z } from 'zod';
import {
  fieldValueSchema,
  hubspotContactIdSchema,
  instantSchema,
  leadIdSchema,
  salesforceIdSchema,
  salesforceObjectSchema,
  touchSchema,
} from './lead';
import { timerSpecSchema } from './timers';

/** Every event: a unique id (webhook eventId, notification id, timer key, ...) and when it happened. */
const base = { id: z.string().min(1).max(200), at: instantSchema };

/** HubSpot properties as the pipeline fetched them: the full set, strings or null. */
const propertiesSchema = z.record(z.string(), z.string().nullable());
/**
 * A Salesforce record's field values as read (outbound message, CDC or poll), by name: the engine
 * reads only the names the protocol configures (Status, the rejection code, the mapped fields).
 */
const fieldsSchema = z.record(z.string(), fieldValueSchema);

/**
 * What the inbound mapper learnt about a Salesforce record beyond its field values, as facts: the
 * engine never reads Salesforce's own system fields. Absent when the delivery did not say.
 */
const recordFacts = {
  /** When Salesforce last changed the record: states older than one applied are ignored. */
  stateAt: instantSchema.optional(),
  /** The record's owner. */
  ownerId: salesforceIdSchema.optional(),
  /** The last day Sales logged activity on the record. */
  lastActivityAt: instantSchema.optional(),
};

const contactEvent = {
  ...base,
  /** The id the lead gets if this event creates it (the pipeline mints it; ignored for a known lead). */
  leadId: leadIdSchema,
  contactId: hubspotContactIdSchema,
  properties: propertiesSchema,
  /** HubSpot's changeSource (CRM_UI, API, FORM, ...). */
  changeSource: z.string().max(100).optional(),
  /** Touches the pipeline read from engagements, beyond those the touch-source properties reveal. */
  touches: z.array(touchSchema).max(500).optional(),
};

const salesforceRecord = { ...base, salesforceId: salesforceIdSchema, object: salesforceObjectSchema };

const manual = { ...base, actor: z.string().min(1).max(200) };

/** Everything the engine can be told, as the jobs layer builds it (and BullMQ carries it). */
export const leadEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hubspot.contact.created'), ...contactEvent }),
  z.strictObject({ type: z.literal('hubspot.contact.changed'), ...contactEvent }),
  z.strictObject({
    type: z.literal('hubspot.contact.merged'),
    ...base,
    contactId: hubspotContactIdSchema,
    /** The contact that remains (newObjectId, else primaryObjectId). */
    survivorId: hubspotContactIdSchema,
    mergedIds: z.array(hubspotContactIdSchema),
    /** Whether the surviving contact already has a lead of its own in the ledger. */
    survivorHasLead: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('hubspot.contact.deleted'),
    ...base,
    contactId: hubspotContactIdSchema,
    privacy: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('salesforce.lead.created'),
    ...salesforceRecord,
    leadId: leadIdSchema,
    fields: fieldsSchema,
    ...recordFacts,
  }),
  z.strictObject({
    type: z.literal('salesforce.lead.changed'),
    ...salesforceRecord,
    fields: fieldsSchema,
    ...recordFacts,
    /** The Lead was converted: its status is not Sales' answer; the conversion itself follows as salesforce.lead.converted. */
    converted: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('salesforce.lead.converted'),
    ...salesforceRecord,
    contactId: salesforceIdSchema.nullable(),
    accountId: salesforceIdSchema.nullable(),
    opportunityId: salesforceIdSchema.nullable(),
  }),
  z.strictObject({ type: z.literal('salesforce.lead.merged'), ...salesforceRecord, masterId: salesforceIdSchema }),
  z.strictObject({ type: z.literal('salesforce.lead.deleted'), ...salesforceRecord }),
  z.strictObject({
    type: z.literal('salesforce.activity.logged'),
    ...salesforceRecord,
    activityId: salesforceIdSchema,
    activityAt: instantSchema,
    kind: z.enum(['task', 'event']),
  }),
  z.strictObject({
    type: z.literal('salesforce.opportunity.changed'),
    ...base,
    opportunityId: salesforceIdSchema,
    stageName: z.string(),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    amount: z.number().nullable(),
  }),
  z.strictObject({
    type: z.literal('salesforce.handoff.completed'),
    ...salesforceRecord,
    handoffKey: z.string().min(1),
    ownerId: salesforceIdSchema.nullable(),
    /** Whether the pipeline created the record (false: it matched an existing Lead or Contact). */
    created: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('salesforce.handoff.failed'),
    ...base,
    handoffKey: z.string().min(1),
    reason: z.string().max(500),
    retryable: z.boolean(),
    /** What Marketing owes: fix the data (default), or merge the duplicate a Salesforce duplicate rule found. */
    marketingAction: z.enum(['fix_data', 'merge']).optional(),
  }),
  z.strictObject({
    /**
     * The org refused an update of the linked record for its data (a validation rule, a required
     * field, a picklist): the admin's message, and the fields the update carried, none of them saved.
     */
    type: z.literal('salesforce.update.refused'),
    ...salesforceRecord,
    reason: z.string().max(500),
    fields: z.array(z.string().min(1).max(255)).max(1000),
  }),
  z.strictObject({
    type: z.literal('salesforce.owner.assigned'),
    ...salesforceRecord,
    ownerId: salesforceIdSchema,
    /** When Salesforce last changed the record, read back after the assignment, when it could be read. */
    stateAt: instantSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('timer.fired'),
    ...base,
    leadId: leadIdSchema,
    key: z.string().min(1),
    timer: timerSpecSchema,
  }),
  z.strictObject({ type: z.literal('dormancy.sweep'), ...base }),
  z.strictObject({ type: z.literal('manual.accept'), ...manual }),
  z.strictObject({
    type: z.literal('manual.reject'),
    ...manual,
    code: z.string().max(80).nullable(),
    note: z.string().max(1000).optional(),
  }),
  z.strictObject({ type: z.literal('manual.requalify'), ...manual }),
  z.strictObject({ type: z.literal('manual.disqualify'), ...manual, note: z.string().max(1000).optional() }),
  z.strictObject({ type: z.literal('manual.reassign'), ...manual, ownerId: salesforceIdSchema.optional() }),
  /** Lifts a quarantine once whatever fought over the field is fixed; `field` as quarantined: "salesforce:Title". */
  z.strictObject({
    type: z.literal('manual.release_field'),
    ...manual,
    field: z.string().regex(/^(hubspot|salesforce):[A-Za-z0-9_]+$/),
  }),
]);

export type LeadEvent = z.infer<typeof leadEventSchema>;
export type LeadEventType = LeadEvent['type'];
export type EventOf<T extends LeadEventType> = Extract<LeadEvent, { type: T }>;
