import { z } from 'zod';
import { leadEventSchema, leadIdSchema } from '../../protocol';
import { isHubSpotContactId, isSalesforceId, type HubSpotContactId, type SalesforceId } from '../../shared/ids';
import { cdcChangeSchema } from './salesforce-cdc.schema';

const hubspotId = z.custom<HubSpotContactId>(
  (v) => typeof v === 'string' && isHubSpotContactId(v),
  'expected a HubSpot object id',
);
const salesforceId = z.custom<SalesforceId>(
  (v) => typeof v === 'string' && isSalesforceId(v),
  'expected a Salesforce id',
);

/** The longest property value a notice carries; the ingress leaves out a longer one (it only serves to spot echoes). */
export const MAX_NOTICE_VALUE = 65_536;
/**
 * HubSpot's internal property names and change sources have fixed alphabets; anything else is not
 * HubSpot's. The ingress applies these to the notices it builds (src/http/hubspot-notices.ts).
 */
export const HUBSPOT_PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,199}$/;
export const HUBSPOT_CHANGE_SOURCE = /^[A-Z][A-Z0-9_]{0,99}$/;
export const MAX_NOTICE_SOURCE_ID = 200;
export const MAX_NOTICE_EVENT_ID = 40;
export const MAX_MERGED_IDS = 100;

/** One HubSpot webhook event, reduced by the ingress to what the pipeline uses. */
export const hubspotNoticeSchema = z.strictObject({
  eventId: z.string().min(1).max(MAX_NOTICE_EVENT_ID),
  kind: z.enum(['creation', 'propertyChange', 'deletion', 'privacyDeletion', 'merge', 'restore', 'associationChange']),
  objectId: hubspotId,
  occurredAt: z.number().int(),
  propertyName: z.string().regex(HUBSPOT_PROPERTY_NAME, 'expected a HubSpot property name').optional(),
  propertyValue: z.string().max(MAX_NOTICE_VALUE).optional(),
  changeSource: z.string().regex(HUBSPOT_CHANGE_SOURCE, 'expected a HubSpot change source').optional(),
  sourceId: z.string().max(MAX_NOTICE_SOURCE_ID).optional(),
  primaryObjectId: hubspotId.optional(),
  mergedObjectIds: z.array(hubspotId).max(MAX_MERGED_IDS).optional(),
  newObjectId: hubspotId.optional(),
});
export type HubSpotNotice = z.infer<typeof hubspotNoticeSchema>;

/**
 * One Salesforce outbound-message notification: which record it names, never what it claims the
 * record holds (anyone can post one); the worker reads the record back. `fields` is only accepted
 * from jobs queued before that, and ignored.
 */
export const salesforceNoticeSchema = z.strictObject({
  notificationId: z.string().min(1).max(100),
  object: z.string().min(1).max(80),
  recordId: salesforceId,
  fields: z.record(z.string(), z.string().nullable()).optional(),
});
export type SalesforceNotice = z.infer<typeof salesforceNoticeSchema>;

/** The events that report how a CRM write ended; no other event comes back from a relay. */
const OUTCOME_EVENT_TYPES: ReadonlySet<string> = new Set([
  'salesforce.handoff.completed',
  'salesforce.handoff.failed',
  'salesforce.owner.assigned',
  'salesforce.update.refused',
  // A write refused because a rep converted the Lead: the relay read the conversion from the Lead itself.
  'salesforce.lead.converted',
]);

/** How one CRM write ended, for the lead it was for (a relay's batch holds at most 200 writes). */
const writeOutcomeSchema = z.strictObject({
  leadId: leadIdSchema,
  event: leadEventSchema.refine((event) => OUTCOME_EVENT_TYPES.has(event.type), 'expected the outcome of a write'),
});

const hubspotJobSchema = z.strictObject({
  source: z.literal('hubspot'),
  receivedAt: z.number().int(),
  notices: z.array(hubspotNoticeSchema).min(1).max(100),
});
/** What a Salesforce session id looks like: printable ASCII, no spaces. */
export const salesforceSessionIdSchema = z.string().regex(/^[\x21-\x7e]{1,512}$/, 'expected a Salesforce session id');

const salesforceJobSchema = z
  .strictObject({
    source: z.literal('salesforce'),
    receivedAt: z.number().int(),
    notices: z.array(salesforceNoticeSchema).min(1).max(100),
    /**
     * When the message carried a SessionId: its reference in the session vault (SessionVault), never
     * the id itself, which is a bearer secret. The worker reads it back and checks it belongs to our org.
     */
    sessionRef: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected a session reference')
      .optional(),
    /** The raw SessionId, as jobs queued before the session vault carried it; checked the same way. */
    sessionId: salesforceSessionIdSchema.optional(),
  })
  .refine((job) => job.sessionRef === undefined || job.sessionId === undefined, {
    message: 'expected a session reference or a session id, not both',
    path: ['sessionId'],
  });
const outcomeJobSchema = z.strictObject({
  source: z.literal('outcome'),
  outcomes: z.array(writeOutcomeSchema).min(1).max(200),
});

/**
 * Change Data Capture events as the CDC source received them (whole transactions, in commit order;
 * a batch of 100 plus the transaction it completes), with the changed values.
 */
const salesforceCdcJobSchema = z.strictObject({
  source: z.literal('salesforce-cdc'),
  receivedAt: z.number().int(),
  changes: z.array(cdcChangeSchema).min(1).max(200),
});
export type SalesforceCdcJob = z.infer<typeof salesforceCdcJobSchema>;

/**
 * What an inbound job carries: one webhook request's worth, as it arrived (at most 100 entries), or
 * the outcomes of a relay's writes.
 */
export const inboundJobSchema = z.discriminatedUnion('source', [
  hubspotJobSchema,
  salesforceJobSchema,
  outcomeJobSchema,
  salesforceCdcJobSchema,
]);
export type InboundQueueJob = z.infer<typeof inboundJobSchema>;
/** What a webhook request becomes; never with a raw session id (the ingress keeps it in the vault). */
export type InboundJob = z.infer<typeof hubspotJobSchema> | Omit<z.infer<typeof salesforceJobSchema>, 'sessionId'>;
/** What a relay's writes come back as. */
export type OutcomeJob = z.infer<typeof outcomeJobSchema>;
