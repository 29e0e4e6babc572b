import type { HubSpotContactId, LeadId, SalesforceId } from '../shared/ids';
import type { LeadEventType } from './events';
import type { RoutingDecision } from './routing';
import type { Side } from './schema/mapping.schema';
import type { Stage, TransitionCause } from './stages';
import type { TimerSpec } from './timers';
import type { FieldValue } from './values';

/** Field values as both CRMs take them: Salesforce DateTimes as ISO strings, HubSpot datetimes as epoch-ms strings. */
export type FieldMap = Readonly<Record<string, FieldValue>>;
export type SalesforceObject = 'Lead' | 'Contact';

/** Why something happened: which event (webhook event id, notification id, timer key), which rules, who. */
export interface Cause {
  readonly eventId: string;
  readonly eventType: LeadEventType;
  readonly transition?: TransitionCause;
  readonly timerKey?: string;
  readonly rules?: readonly string[];
  readonly actor?: string;
}

/**
 * Hand the lead to Sales. The pipeline matches before it creates: `existing` when the lead is
 * already linked (update it); else a Lead or Contact with `email`; else, when `target` allows, a
 * Contact on the Account whose domain is `emailDomain`; else it creates a Lead from `leadFields`.
 * Owner: the Account's owner when one matched and `preferAccountOwner`, else `routing` (a fixed
 * owner, a round-robin pick among pool members, or the fallback queue). It reports back with
 * salesforce.handoff.completed / .failed carrying `handoffKey`. Fields are the full set. The SLA
 * clocks already run from the engine's hand-off instant (Handoff_At__c), whatever the pipeline finds.
 */
export interface HandoffEffect {
  readonly type: 'salesforce.handoff';
  readonly leadId: LeadId;
  readonly handoffKey: string;
  readonly hubspotContactId: HubSpotContactId | null;
  readonly email: string;
  readonly emailDomain: string | null;
  readonly target: 'lead' | 'contact_when_account_matches';
  readonly preferAccountOwner: boolean;
  readonly existing: { readonly id: SalesforceId; readonly object: SalesforceObject } | null;
  /** Every field for a Lead: leadpact's own fields, the mapped contact fields and Status. */
  readonly leadFields: FieldMap;
  /** The same for a Contact (mapped fields under their Contact names; no Lead-only fields). */
  readonly contactFields: FieldMap;
  readonly routing: RoutingDecision;
}

/** Update the linked Salesforce record. Carries only the fields whose value changed (what leadpact believes the record holds differs). */
export interface SalesforceUpdateEffect {
  readonly type: 'salesforce.update';
  readonly leadId: LeadId;
  readonly salesforceId: SalesforceId;
  readonly object: SalesforceObject;
  readonly fields: FieldMap;
}

/** Create a Salesforce Task: for the owner, or for the owner's manager (the pipeline looks the manager up). */
export interface SalesforceTaskEffect {
  readonly type: 'salesforce.task';
  readonly leadId: LeadId;
  /** Unique per task: a redelivered decision must not create a second one. */
  readonly taskKey: string;
  readonly recipient: 'owner' | 'owner_manager';
  readonly ownerId: SalesforceId | null;
  /** The Lead or Contact the task is about (WhoId). */
  readonly whoId: SalesforceId | null;
  readonly subject: string;
  readonly description: string;
  readonly reason: 'sla_escalation' | 'dormancy' | 'rejection_violation';
}

/** Give the record a new owner by routing (the pipeline picks from a pool); it reports back with salesforce.owner.assigned. */
export interface SalesforceReassignEffect {
  readonly type: 'salesforce.reassign';
  readonly leadId: LeadId;
  readonly reassignKey: string;
  readonly salesforceId: SalesforceId;
  readonly object: SalesforceObject;
  readonly previousOwnerId: SalesforceId | null;
  readonly routing: RoutingDecision;
}

/** Write HubSpot contact properties. Carries only the properties whose value changed. */
export interface HubSpotUpdateEffect {
  readonly type: 'hubspot.update';
  readonly leadId: LeadId;
  readonly contactId: HubSpotContactId;
  readonly properties: FieldMap;
}

/** Schedule a delayed job that comes back as timer.fired with this key and spec (use the key as the job id). */
export interface TimerScheduleEffect {
  readonly type: 'timer.schedule';
  readonly leadId: LeadId;
  readonly key: string;
  readonly fireAt: number;
  readonly timer: TimerSpec;
}

/** Remove a scheduled timer; if it fires anyway it is a no-op, so removal is an optimisation. */
export interface TimerCancelEffect {
  readonly type: 'timer.cancel';
  readonly leadId: LeadId;
  readonly key: string;
}

/** The lead's identity in one CRM changed (merge, conversion, deletion, hand-off): update the id map. */
export interface IdentityChangedEffect {
  readonly type: 'identity.changed';
  readonly leadId: LeadId;
  readonly crm: Side;
  readonly previous: string | null;
  readonly current: string | null;
  readonly object?: SalesforceObject;
}

export const METRIC_NAMES = [
  'lead.transition',
  'lead.refused',
  'handoff.requested',
  'handoff.blocked',
  'handoff.failed',
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
export interface MetricEffect {
  readonly type: 'metric';
  readonly name: MetricName;
  readonly value: number;
  readonly labels: Readonly<Record<string, string>>;
}

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
export interface AuditEffect {
  readonly type: 'audit';
  readonly leadId: LeadId;
  readonly at: number;
  readonly kind: AuditKind;
  readonly cause: Cause;
  readonly from?: Stage;
  readonly to?: Stage;
  /** Plain words; never a property value (they may be personal data). */
  readonly detail: string;
}

export type Effect =
  | HandoffEffect
  | SalesforceUpdateEffect
  | SalesforceTaskEffect
  | SalesforceReassignEffect
  | HubSpotUpdateEffect
  | TimerScheduleEffect
  | TimerCancelEffect
  | IdentityChangedEffect
  | MetricEffect
  | AuditEffect;
