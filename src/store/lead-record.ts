import type { HubSpotContactId, LeadId, SalesforceId } from '../shared/ids';
import { toInstant, type Instant } from './instant';

export type { Instant } from './instant';

/**
 * One row of the lead ledger: the columns queries need, projected from the engine's lead, plus the
 * engine's full state as JSON (validated by the protocol's schema when loaded at a version the
 * process has not saved or validated before: src/app/apply-events/parsed-leads.ts).
 */
export interface LeadRecord {
  readonly id: LeadId;
  readonly hubspotContactId: HubSpotContactId | null;
  readonly salesforceId: SalesforceId | null;
  readonly salesforceObject: 'Lead' | 'Contact' | null;
  readonly email: string | null;
  readonly stage: string;
  readonly protocolVersion: string | null;
  readonly fitScore: number | null;
  readonly readinessScore: number | null;
  readonly ownerId: string | null;
  readonly territory: string | null;
  readonly team: string | null;
  readonly campaign: string | null;
  readonly source: string | null;
  readonly rejectionCode: string | null;
  readonly rejectionValid: boolean | null;
  readonly slaStatus: string | null;
  readonly slaAcceptDueAt: Instant | null;
  readonly slaFirstTouchDueAt: Instant | null;
  readonly timeToAcceptMin: number | null;
  readonly timeToFirstTouchMin: number | null;
  readonly createdAt: Instant;
  readonly mqlAt: Instant | null;
  readonly handedOffAt: Instant | null;
  readonly acceptedAt: Instant | null;
  readonly rejectedAt: Instant | null;
  readonly firstTouchAt: Instant | null;
  readonly workingAt: Instant | null;
  readonly convertedAt: Instant | null;
  readonly closedAt: Instant | null;
  readonly recycledAt: Instant | null;
  readonly disqualifiedAt: Instant | null;
  readonly dormantAt: Instant | null;
  readonly lastActivityAt: Instant | null;
  readonly outcome: 'won' | 'lost' | null;
  readonly amount: number | null;
  readonly opportunityId: string | null;
  readonly recycleCount: number;
  readonly retired: boolean;
  /** The earliest timer the lead waits for, so a sweep can re-fire one whose job was lost. */
  readonly nextTimerAt: Instant | null;
  readonly state: unknown;
  /** Incremented by every save; a save that expects another version is refused. */
  readonly version: number;
}

type Kind = 'uuid' | 'text' | 'int' | 'bool' | 'instant' | 'numeric' | 'json';

/** Property ↔ column, in table order; the single place the mapping is written. */
export const LEAD_COLUMNS: readonly (readonly [keyof LeadRecord, string, Kind])[] = [
  ['id', 'id', 'uuid'],
  ['hubspotContactId', 'hubspot_contact_id', 'text'],
  ['salesforceId', 'salesforce_id', 'text'],
  ['salesforceObject', 'salesforce_object', 'text'],
  ['email', 'email', 'text'],
  ['stage', 'stage', 'text'],
  ['protocolVersion', 'protocol_version', 'text'],
  ['fitScore', 'fit_score', 'int'],
  ['readinessScore', 'readiness_score', 'int'],
  ['ownerId', 'owner_id', 'text'],
  ['territory', 'territory', 'text'],
  ['team', 'team', 'text'],
  ['campaign', 'campaign', 'text'],
  ['source', 'source', 'text'],
  ['rejectionCode', 'rejection_code', 'text'],
  ['rejectionValid', 'rejection_valid', 'bool'],
  ['slaStatus', 'sla_status', 'text'],
  ['slaAcceptDueAt', 'sla_accept_due_at', 'instant'],
  ['slaFirstTouchDueAt', 'sla_first_touch_due_at', 'instant'],
  ['timeToAcceptMin', 'time_to_accept_min', 'int'],
  ['timeToFirstTouchMin', 'time_to_first_touch_min', 'int'],
  ['createdAt', 'created_at', 'instant'],
  ['mqlAt', 'mql_at', 'instant'],
  ['handedOffAt', 'handed_off_at', 'instant'],
  ['acceptedAt', 'accepted_at', 'instant'],
  ['rejectedAt', 'rejected_at', 'instant'],
  ['firstTouchAt', 'first_touch_at', 'instant'],
  ['workingAt', 'working_at', 'instant'],
  ['convertedAt', 'converted_at', 'instant'],
  ['closedAt', 'closed_at', 'instant'],
  ['recycledAt', 'recycled_at', 'instant'],
  ['disqualifiedAt', 'disqualified_at', 'instant'],
  ['dormantAt', 'dormant_at', 'instant'],
  ['lastActivityAt', 'last_activity_at', 'instant'],
  ['outcome', 'outcome', 'text'],
  ['amount', 'amount', 'numeric'],
  ['opportunityId', 'opportunity_id', 'text'],
  ['recycleCount', 'recycle_count', 'int'],
  ['retired', 'retired', 'bool'],
  ['nextTimerAt', 'next_timer_at', 'instant'],
  ['state', 'state', 'json'],
  ['version', 'version', 'int'],
];

export function toColumnValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'instant':
      return new Date(value as number).toISOString();
    case 'json':
      return JSON.stringify(value);
    case 'uuid':
    case 'text':
    case 'int':
    case 'bool':
    case 'numeric':
      return value;
  }
}

export function fromColumnValue(kind: Kind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'instant':
      return toInstant(value);
    case 'numeric':
    case 'int':
      return Number(value);
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    case 'uuid':
    case 'text':
    case 'bool':
      return value;
  }
}
