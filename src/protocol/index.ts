/** The lead protocol engine: pure code, no IO, no clock; the jobs layer drives it. */
export { protocolSchema, approvalSchema, type Protocol } from './schema/protocol.schema';
export { DEFAULT_WRITE_BACK } from './schema/write-back.schema';
export type { Calendar } from './schema/calendar.schema';
export type { RejectionCode } from './schema/rejection.schema';
export {
  DEFAULT_OBSERVED_INDEX,
  INDEX_FIGURES,
  type IndexFigure,
  type ObservedIndexSettings,
} from './schema/observed-index.schema';
export { CADENCE_DAYS, CADENCES, type Cadence, type MeetingSettings } from './schema/meetings.schema';
export { TARGET_METRICS, type Target, type TargetMetric, type Targets } from './schema/targets.schema';
export {
  STAGES,
  TRANSITIONS,
  TRANSITION_CAUSES,
  validateTransition,
  type Stage,
  type TransitionCause,
  type TransitionRule,
  type TransitionRefusal,
} from './stages';
export {
  leadSchema,
  leadIdSchema,
  newLead,
  type Lead,
  type NewLeadInput,
  type Touch,
  type SlaStatus,
  type SlaClock,
} from './lead';
export { leadEventSchema, type LeadEvent, type LeadEventType, type EventOf } from './events';
export { timerSpecSchema, type TimerSpec } from './timers';
export type * from './effects';
export {
  METRIC_NAMES,
  AUDIT_KINDS,
  effectSchema,
  crmWriteEffectSchema,
  handoffEffectSchema,
  salesforceUpdateEffectSchema,
  salesforceTaskEffectSchema,
  salesforceReassignEffectSchema,
  hubspotUpdateEffectSchema,
} from './effects';
export { decide, type Decision } from './decide';
export type { Refusal } from './context';
export { qualify, type QualificationResult, type ScoreResult, type RuleHit } from './qualification';
export { summarize, type SummaryInput, type SummaryOptions } from './summary';
export { addBusinessMinutes, businessMinutesBetween, isWorkingInstant } from './business-hours';
export {
  route,
  assignmentSchema,
  routingDecisionSchema,
  type RoutingDecision,
  type Assignment,
  type RouteOptions,
} from './routing';
export { salesforceProjection, hubspotProjection } from './write-back';
export {
  matchableDomain,
  matchHandoff,
  needsRouting,
  planHandoff,
  type CandidateAccount,
  type CandidatePerson,
  type HandoffMatch,
  type HandoffWrite,
} from './handoff-match';
export {
  diffProtocols,
  describeProtocolDiff,
  type ProtocolDiff,
  type QualificationChange,
  type SlaChange,
  type AcceptOutcome,
  type Tally,
} from './diff-protocols';
