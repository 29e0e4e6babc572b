import { z } from 'zod';
import {
  isHubSpotContactId,
  isLeadId,
  isSalesforceId,
  type HubSpotContactId,
  type LeadId,
  type SalesforceId,
} from '../shared/ids';
import { REJECTION_ACTIONS } from './schema/rejection.schema';
import { STAGES, TRANSITION_CAUSES } from './stages';
import { timerSpecSchema } from './timers';

export const leadIdSchema = z.custom<LeadId>(
  (value) => typeof value === 'string' && isLeadId(value),
  'expected a lead id (UUID)',
);
export const hubspotContactIdSchema = z.custom<HubSpotContactId>(
  (value) => typeof value === 'string' && isHubSpotContactId(value),
  'expected a HubSpot object id',
);
export const salesforceIdSchema = z.custom<SalesforceId>(
  (value) => typeof value === 'string' && isSalesforceId(value),
  'expected a Salesforce id',
);
/** Instants are epoch milliseconds throughout the engine. */
export const instantSchema = z.number().int();
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const stageSchema = z.enum(STAGES);
export const salesforceObjectSchema = z.enum(['Lead', 'Contact']);

export const touchSchema = z.strictObject({
  kind: z.string().min(1).max(60),
  at: instantSchema,
});

const ruleHitSchema = z.strictObject({ rule: z.string(), points: z.number(), reason: z.string() });
const scoreSchema = z.strictObject({
  score: z.number(),
  threshold: z.number(),
  passed: z.boolean(),
  hits: z.array(ruleHitSchema),
});

const clockSchema = z.strictObject({
  dueAt: instantSchema,
  warnAt: instantSchema,
  state: z.enum(['running', 'at_risk', 'breached', 'met', 'met_late', 'cancelled']),
  metAt: instantSchema.nullable(),
  breachedAt: instantSchema.nullable(),
  /** The next escalation step to apply to this clock. */
  nextStep: z.number().int().min(0),
});

export const SLA_STATUSES = ['on_track', 'at_risk', 'breached', 'met'] as const;

const slaSchema = z.strictObject({
  calendar: z.string(),
  startedAt: instantSchema,
  accept: clockSchema,
  firstTouch: clockSchema,
});

/**
 * A lead as the ledger stores it (JSON, re-validated on load). Every instant a metric needs is a
 * plain field here, not buried in the audit log.
 */
export const leadSchema = z.strictObject({
  id: leadIdSchema,
  /** Bumped by every decision that changes the lead; the store's optimistic check can use it. */
  revision: z.number().int().min(0),
  origin: z.enum(['marketing', 'sales']),
  stage: stageSchema,
  stageChangedAt: instantSchema,
  lastTransition: z
    .strictObject({
      from: stageSchema,
      to: stageSchema,
      cause: z.enum(TRANSITION_CAUSES),
      eventId: z.string(),
      at: instantSchema,
    })
    .nullable(),
  /** The version of the protocol that last judged this lead. */
  protocolVersion: z.string(),
  createdAt: instantSchema,
  hubspotContactId: hubspotContactIdSchema.nullable(),
  salesforce: z.strictObject({ id: salesforceIdSchema, object: salesforceObjectSchema }).nullable(),
  /**
   * The SystemModstamp of the newest state of the linked Salesforce record applied so far: outbound
   * messages arrive in any order, and a state stamped earlier is older than what the lead holds.
   */
  salesforceStateAt: instantSchema.nullable().default(null),
  /** The key of the hand-off whose completion (or failure) is awaited; null when none is. */
  pendingHandoff: z.string().nullable(),
  handoffCount: z.number().int().min(0),
  ownerId: salesforceIdSchema.nullable(),
  territory: z.string().nullable(),
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  qualification: z
    .strictObject({ fit: scoreSchema, readiness: scoreSchema, qualified: z.boolean(), evaluatedAt: instantSchema })
    .nullable(),
  touches: z.array(touchSchema),
  mqlAt: instantSchema.nullable(),
  handedOffAt: instantSchema.nullable(),
  acceptedAt: instantSchema.nullable(),
  rejectedAt: instantSchema.nullable(),
  firstTouchAt: instantSchema.nullable(),
  convertedAt: instantSchema.nullable(),
  closedAt: instantSchema.nullable(),
  recycledAt: instantSchema.nullable(),
  dormantAt: instantSchema.nullable(),
  disqualifiedAt: instantSchema.nullable(),
  lastActivityAt: instantSchema.nullable(),
  reengageAt: instantSchema.nullable(),
  timeToAcceptMin: z.number().nullable(),
  timeToFirstTouchMin: z.number().nullable(),
  sla: slaSchema.nullable(),
  slaStatus: z.enum(SLA_STATUSES).nullable(),
  slaBreaches: z.number().int().min(0),
  rejection: z
    .strictObject({
      code: z.string().nullable(),
      valid: z.boolean(),
      /** Whether this rejection was recorded as a protocol violation (no code, or an unlisted one) at any point. */
      violation: z.boolean(),
      action: z.enum(REJECTION_ACTIONS).nullable(),
      at: instantSchema,
      /** What Sales wrote beside the code (Rejection_Note__c); absent in leads stored before it existed. */
      note: z.string().nullable().default(null),
    })
    .nullable(),
  outcome: z.enum(['won', 'lost']).nullable(),
  amount: z.number().nullable(),
  opportunityId: salesforceIdSchema.nullable(),
  recycleCount: z.number().int().min(0),
  retired: z
    .strictObject({ reason: z.enum(['deleted', 'privacy_deleted', 'opted_out', 'merged']), at: instantSchema })
    .nullable(),
  pendingMarketingAction: z
    .strictObject({
      action: z.enum(['fix_data', 'merge']),
      since: instantSchema,
      dueAt: instantSchema,
      breached: z.boolean(),
    })
    .nullable(),
  /** The sentence marketers read in leadpact_sales_feedback. */
  salesFeedback: z.string().nullable(),
  /** Timers scheduled and neither fired nor cancelled; a fired timer whose key is not here is stale. */
  timers: z.array(z.strictObject({ key: z.string(), fireAt: instantSchema, timer: timerSpecSchema })),
  timerSeq: z.number().int().min(0),
  /** What leadpact believes each CRM holds for the fields it reads or writes (seen in events, or written). */
  crm: z.strictObject({
    hubspot: z.record(z.string(), fieldValueSchema),
    salesforce: z.record(z.string(), fieldValueSchema),
  }),
  /** The agreed value of each mapped field, keyed by HubSpot property, in HubSpot's spelling. */
  agreed: z.record(z.string(), fieldValueSchema),
  fieldGuard: z.strictObject({
    /** side:field -> instants of recent changes (the last hour). */
    changes: z.record(z.string(), z.array(instantSchema)),
    quarantined: z.array(z.string()),
  }),
  /** The ids of the newest events applied, so a redelivered event changes nothing. */
  recentEventIds: z.array(z.string()),
});

export type Lead = z.infer<typeof leadSchema>;
export type Touch = z.infer<typeof touchSchema>;
export type SlaClock = z.infer<typeof clockSchema>;
export type SlaState = z.infer<typeof slaSchema>;
export type SlaStatus = (typeof SLA_STATUSES)[number];
export type Score = z.infer<typeof scoreSchema>;

export interface NewLeadInput {
  readonly id: LeadId;
  readonly at: number;
  readonly protocolVersion: string;
  readonly origin?: 'marketing' | 'sales';
  readonly hubspotContactId?: HubSpotContactId | null;
}

/** A lead in stage `new`, before any protocol rule has looked at it. */
export function newLead(input: NewLeadInput): Lead {
  return {
    id: input.id,
    revision: 0,
    origin: input.origin ?? 'marketing',
    stage: 'new',
    stageChangedAt: input.at,
    lastTransition: null,
    protocolVersion: input.protocolVersion,
    createdAt: input.at,
    hubspotContactId: input.hubspotContactId ?? null,
    salesforce: null,
    salesforceStateAt: null,
    pendingHandoff: null,
    handoffCount: 0,
    ownerId: null,
    territory: null,
    source: null,
    campaign: null,
    qualification: null,
    touches: [],
    mqlAt: null,
    handedOffAt: null,
    acceptedAt: null,
    rejectedAt: null,
    firstTouchAt: null,
    convertedAt: null,
    closedAt: null,
    recycledAt: null,
    dormantAt: null,
    disqualifiedAt: null,
    lastActivityAt: null,
    reengageAt: null,
    timeToAcceptMin: null,
    timeToFirstTouchMin: null,
    sla: null,
    slaStatus: null,
    slaBreaches: 0,
    rejection: null,
    outcome: null,
    amount: null,
    opportunityId: null,
    recycleCount: 0,
    retired: null,
    pendingMarketingAction: null,
    salesFeedback: null,
    timers: [],
    timerSeq: 0,
    crm: { hubspot: {}, salesforce: {} },
    agreed: {},
    fieldGuard: { changes: {}, quarantined: [] },
    recentEventIds: [],
  };
}
