import { z } from 'zod';
import { leadEventSchema, type LeadEventType } from './events';
import {
  fieldValueSchema,
  hubspotContactIdSchema,
  instantSchema,
  leadIdSchema,
  salesforceIdSchema,
  salesforceObjectSchema,
  stageSchema,
} from './lead';
import { routingDecisionSchema } from './routing';
import { ALERT_KINDS } from './schema/alerts.schema';
import { SIDES } from './schema/mapping.schema';
import { ESCALATION_ACTIONS } from './schema/sla.schema';
import { TRANSITION_CAUSES } from './stages';
import { CLOCKS, timerSpecSchema } from './timers';

/*
 * Effects are what the engine asks the application to do. They are defined once, here, as zod
 * schemas: the engine builds them, the outbox stores the CRM writes among them as JSON, and the
 * relays and the dead letters parse them back with these same schemas (a row crossed a process
 * boundary and may have been written by an older release). Unknown keys are tolerated, as an older
 * release may have written some.
 */

/** Field values as both CRMs take them: Salesforce DateTimes as ISO strings, HubSpot datetimes as epoch-ms strings. */
export const fieldMapSchema = z.record(z.string(), fieldValueSchema);
export type FieldMap = Readonly<z.infer<typeof fieldMapSchema>>;
export type SalesforceObject = z.infer<typeof salesforceObjectSchema>;

const EVENT_TYPES: ReadonlySet<string> = new Set(leadEventSchema.options.map((option) => option.shape.type.value));
const eventTypeSchema = z.custom<LeadEventType>(
  (v) => typeof v === 'string' && EVENT_TYPES.has(v),
  'expected a lead event type',
);

/** Why something happened: which event (webhook event id, notification id, timer key), which rules, who. */
export const causeSchema = z.object({
  eventId: z.string(),
  eventType: eventTypeSchema,
  transition: z.enum(TRANSITION_CAUSES).optional(),
  timerKey: z.string().optional(),
  rules: z.array(z.string()).readonly().optional(),
  actor: z.string().optional(),
});
export type Cause = z.infer<typeof causeSchema>;

/**
 * Hand the lead to Sales. The relay matches before it creates (matchHandoff): `existing` when the
 * lead is already linked (update it); else a Lead or Contact with `email`; else, when `target`
 * allows, a Contact on the Account whose domain is `emailDomain`; else it creates a Lead from
 * `leadFields`. Owner: the Account's owner when one matched and `preferAccountOwner`, else `routing`
 * (a fixed owner, a round-robin pick among pool members, or the fallback queue). It reports back
 * with salesforce.handoff.completed / .failed carrying `handoffKey`. Fields are the full set. The
 * SLA clocks already run from the engine's hand-off instant (Handoff_At__c), whatever the relay finds.
 */
export const handoffEffectSchema = z.object({
  type: z.literal('salesforce.handoff'),
  leadId: leadIdSchema,
  handoffKey: z.string().min(1),
  hubspotContactId: hubspotContactIdSchema.nullable(),
  email: z.string(),
  emailDomain: z.string().nullable(),
  target: z.enum(['lead', 'contact_when_account_matches']),
  preferAccountOwner: z.boolean(),
  existing: z.object({ id: salesforceIdSchema, object: salesforceObjectSchema }).nullable(),
  /** Every field for a Lead: leadpact's own fields, the mapped contact fields and Status. */
  leadFields: fieldMapSchema,
  /** The same for a Contact (mapped fields under their Contact names; no Lead-only fields). */
  contactFields: fieldMapSchema,
  routing: routingDecisionSchema,
});
export type HandoffEffect = z.infer<typeof handoffEffectSchema>;

/** Update the linked Salesforce record. Carries only the fields whose value changed (what leadpact believes the record holds differs). */
export const salesforceUpdateEffectSchema = z.object({
  type: z.literal('salesforce.update'),
  leadId: leadIdSchema,
  salesforceId: salesforceIdSchema,
  object: salesforceObjectSchema,
  fields: fieldMapSchema,
});
export type SalesforceUpdateEffect = z.infer<typeof salesforceUpdateEffectSchema>;

/** Create a Salesforce Task: for the owner, or for the owner's manager (the relay looks the manager up). */
export const salesforceTaskEffectSchema = z.object({
  type: z.literal('salesforce.task'),
  leadId: leadIdSchema,
  /** Unique per task: a redelivered decision must not create a second one. */
  taskKey: z.string().min(1),
  recipient: z.enum(['owner', 'owner_manager']),
  ownerId: salesforceIdSchema.nullable(),
  /** The Lead or Contact the task is about (WhoId). */
  whoId: salesforceIdSchema.nullable(),
  subject: z.string(),
  description: z.string(),
  reason: z.enum(['sla_escalation', 'dormancy', 'rejection_violation']),
});
export type SalesforceTaskEffect = z.infer<typeof salesforceTaskEffectSchema>;

/**
 * Tell people where they are (Slack, e-mail) that an SLA clock is at risk, ran out, or escalated.
 * Emitted only when the protocol routes this kind of alert for the lead to some channel; the
 * application sends one message per channel, once: `alertKey` names the lead, the timer and the due
 * time, so a timer fired twice (its job and the sweep) or a redelivered decision alerts once.
 */
export const slaAlertEffectSchema = z.object({
  type: z.literal('sla.alert'),
  leadId: leadIdSchema,
  alertKey: z.string().min(1),
  kind: z.enum(ALERT_KINDS),
  clock: z.enum(CLOCKS),
  dueAt: instantSchema,
  /** The time zone of the territory's calendar, in which people read the due time. */
  timeZone: z.string().min(1),
  territory: z.string().nullable(),
  ownerId: salesforceIdSchema.nullable(),
  /** An escalation: the step taken. */
  action: z.enum(ESCALATION_ACTIONS).optional(),
  /** Channel names under alerts.channels. */
  channels: z.array(z.string().min(1)).min(1),
});
export type SlaAlertEffect = z.infer<typeof slaAlertEffectSchema>;

/** Give the record a new owner by routing (the relay picks from a pool); it reports back with salesforce.owner.assigned. */
export const salesforceReassignEffectSchema = z.object({
  type: z.literal('salesforce.reassign'),
  leadId: leadIdSchema,
  reassignKey: z.string().min(1),
  salesforceId: salesforceIdSchema,
  object: salesforceObjectSchema,
  previousOwnerId: salesforceIdSchema.nullable(),
  routing: routingDecisionSchema,
});
export type SalesforceReassignEffect = z.infer<typeof salesforceReassignEffectSchema>;

/** Write HubSpot contact properties. Carries only the properties whose value changed. */
export const hubspotUpdateEffectSchema = z.object({
  type: z.literal('hubspot.update'),
  leadId: leadIdSchema,
  contactId: hubspotContactIdSchema,
  properties: fieldMapSchema,
  /** Properties to clear in a write before this one: HubSpot moves lifecyclestage back only from empty. */
  clearFirst: z.array(z.string().min(1)).optional(),
});
export type HubSpotUpdateEffect = z.infer<typeof hubspotUpdateEffectSchema>;

/** Schedule a delayed job that comes back as timer.fired with this key and spec (use the key as the job id). */
export const timerScheduleEffectSchema = z.object({
  type: z.literal('timer.schedule'),
  leadId: leadIdSchema,
  key: z.string().min(1),
  fireAt: instantSchema,
  timer: timerSpecSchema,
});
export type TimerScheduleEffect = z.infer<typeof timerScheduleEffectSchema>;

/** Remove a scheduled timer; if it fires anyway it is a no-op, so removal is an optimisation. */
export const timerCancelEffectSchema = z.object({
  type: z.literal('timer.cancel'),
  leadId: leadIdSchema,
  key: z.string().min(1),
});
export type TimerCancelEffect = z.infer<typeof timerCancelEffectSchema>;

/** The lead's identity in one CRM changed (merge, conversion, deletion, hand-off): update the id map. */
export const identityChangedEffectSchema = z.object({
  type: z.literal('identity.changed'),
  leadId: leadIdSchema,
  crm: z.enum(SIDES),
  previous: z.string().nullable(),
  current: z.string().nullable(),
  object: salesforceObjectSchema.optional(),
});
export type IdentityChangedEffect = z.infer<typeof identityChangedEffectSchema>;

export const METRIC_NAMES = [
  'lead.transition',
  'lead.refused',
  'handoff.requested',
  'handoff.blocked',
  'handoff.failed',
  'update.refused',
  'sla.at_risk',
  'sla.breached',
  'sla.met',
  'sla.escalated',
  'protocol.violation',
  'field.reverted',
  'field.quarantined',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Count something for the live metrics (the scorecard itself is computed from the lead ledger). */
export const metricEffectSchema = z.object({
  type: z.literal('metric'),
  name: z.enum(METRIC_NAMES),
  value: z.number(),
  labels: z.record(z.string(), z.string()),
});
export type MetricEffect = z.infer<typeof metricEffectSchema>;

export const AUDIT_KINDS = [
  'transition',
  'refused',
  'violation',
  'field_reverted',
  'field_quarantined',
  'handoff_requested',
  'handoff_blocked',
  'handoff_completed',
  'handoff_failed',
  'update_refused',
  'owner_changed',
  'identity_changed',
  'sla',
  'escalation',
  'retired',
  'marketing_action',
  'note',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** Append one row to the audit trail: so any lead can answer "why is it here?". */
export const auditEffectSchema = z.object({
  type: z.literal('audit'),
  leadId: leadIdSchema,
  at: instantSchema,
  kind: z.enum(AUDIT_KINDS),
  cause: causeSchema,
  from: stageSchema.optional(),
  to: stageSchema.optional(),
  /** Plain words; never a property value (they may be personal data). */
  detail: z.string(),
});
export type AuditEffect = z.infer<typeof auditEffectSchema>;

/** The CRM writes among the effects: what the outbox stores and the relays send. */
export const crmWriteEffectSchema = z.discriminatedUnion('type', [
  handoffEffectSchema,
  salesforceUpdateEffectSchema,
  salesforceTaskEffectSchema,
  salesforceReassignEffectSchema,
  hubspotUpdateEffectSchema,
]);
export type CrmWriteEffect = z.infer<typeof crmWriteEffectSchema>;

export const effectSchema = z.discriminatedUnion('type', [
  ...crmWriteEffectSchema.options,
  slaAlertEffectSchema,
  timerScheduleEffectSchema,
  timerCancelEffectSchema,
  identityChangedEffectSchema,
  metricEffectSchema,
  auditEffectSchema,
]);
export type Effect = z.infer<typeof effectSchema>;
