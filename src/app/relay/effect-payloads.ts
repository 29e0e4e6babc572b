import { z } from 'zod';
import type {
  HandoffEffect,
  HubSpotUpdateEffect,
  SalesforceReassignEffect,
  SalesforceTaskEffect,
  SalesforceUpdateEffect,
} from '../../protocol';
import {
  fieldValueSchema,
  hubspotContactIdSchema,
  leadIdSchema,
  salesforceIdSchema,
  salesforceObjectSchema,
} from '../../protocol/lead';

/**
 * The outbox holds engine effects as JSON. They are ours, but they crossed a process boundary and
 * may have been written by an older version, so they are validated like any job data.
 */
const fieldMap = z.record(z.string(), fieldValueSchema);

export const hubspotUpdatePayload = z.object({
  type: z.literal('hubspot.update'),
  leadId: leadIdSchema,
  contactId: hubspotContactIdSchema,
  properties: fieldMap,
}) satisfies z.ZodType<HubSpotUpdateEffect>;

export const salesforceUpdatePayload = z.object({
  type: z.literal('salesforce.update'),
  leadId: leadIdSchema,
  salesforceId: salesforceIdSchema,
  object: salesforceObjectSchema,
  fields: fieldMap,
}) satisfies z.ZodType<SalesforceUpdateEffect>;

const assignment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), ownerId: salesforceIdSchema }),
  z.object({ kind: z.literal('pool'), pool: z.string(), members: z.array(salesforceIdSchema) }),
  z.object({ kind: z.literal('queue'), queueId: salesforceIdSchema }),
]);
const routing = z.object({
  territory: z.string(),
  calendar: z.string(),
  matched: z.enum(['territory', 'fallback']),
  assign: assignment,
});

export const handoffPayload = z.object({
  type: z.literal('salesforce.handoff'),
  leadId: leadIdSchema,
  handoffKey: z.string().min(1),
  hubspotContactId: hubspotContactIdSchema.nullable(),
  email: z.string(),
  emailDomain: z.string().nullable(),
  target: z.enum(['lead', 'contact_when_account_matches']),
  preferAccountOwner: z.boolean(),
  existing: z.object({ id: salesforceIdSchema, object: salesforceObjectSchema }).nullable(),
  leadFields: fieldMap,
  contactFields: fieldMap,
  routing,
}) satisfies z.ZodType<HandoffEffect>;

export const taskPayload = z.object({
  type: z.literal('salesforce.task'),
  leadId: leadIdSchema,
  taskKey: z.string().min(1),
  recipient: z.enum(['owner', 'owner_manager']),
  ownerId: salesforceIdSchema.nullable(),
  whoId: salesforceIdSchema.nullable(),
  subject: z.string(),
  description: z.string(),
  reason: z.enum(['sla_escalation', 'dormancy', 'rejection_violation']),
}) satisfies z.ZodType<SalesforceTaskEffect>;

export const reassignPayload = z.object({
  type: z.literal('salesforce.reassign'),
  leadId: leadIdSchema,
  reassignKey: z.string().min(1),
  salesforceId: salesforceIdSchema,
  object: salesforceObjectSchema,
  previousOwnerId: salesforceIdSchema.nullable(),
  routing,
}) satisfies z.ZodType<SalesforceReassignEffect>;
