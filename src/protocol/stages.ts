import { err, ok, type Result } from '../shared/result';
import { STAGES } from './schema/stage-names';

export { STAGES };
export type Stage = (typeof STAGES)[number];

/** Why a lead changes stage; every transition in the table names the causes that may drive it. */
export const TRANSITION_CAUSES = [
  'evaluated',
  'qualified',
  'unqualified',
  'handoff',
  'handoff_failed',
  'sales_accepted',
  'sales_rejected',
  'sales_deleted',
  'sales_sourced',
  'first_touch',
  'activity',
  'converted',
  'won',
  'lost',
  'rejection_recycle',
  'rejection_disqualify',
  'rejection_fix_data',
  'rejection_merge',
  'sla_escalation',
  'dormant',
  'dormancy_recycle',
  'dormancy_disqualify',
  'recycle_due',
  'retired',
  'merged',
  'manual_requalify',
  'manual_disqualify',
] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

export interface TransitionRule {
  readonly from: readonly Stage[];
  readonly to: Stage;
  readonly causes: readonly TransitionCause[];
}

/** Stages in which Sales holds the lead. */
export const SALES_STAGES = ['handed_off', 'accepted', 'working', 'dormant'] as const satisfies readonly Stage[];
/** Stages before the lead reaches Sales, or after it came back; a retired contact leaves these for disqualified. */
export const MARKETING_STAGES = ['new', 'nurturing', 'mql', 'recycled', 'rejected'] as const satisfies readonly Stage[];
const OPEN_STAGES = [...MARKETING_STAGES, ...SALES_STAGES] as const;

/** The stage machine as data: a transition not listed here is refused, with its reason, and never applied. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: ['new'], to: 'nurturing', causes: ['evaluated'] },
  { from: ['new', 'nurturing'], to: 'mql', causes: ['qualified'] },
  { from: ['mql'], to: 'nurturing', causes: ['unqualified'] },
  { from: ['mql'], to: 'handed_off', causes: ['handoff'] },
  { from: ['handed_off'], to: 'mql', causes: ['handoff_failed'] },
  { from: ['handed_off', 'rejected'], to: 'accepted', causes: ['sales_accepted'] },
  { from: ['new'], to: 'accepted', causes: ['sales_sourced'] },
  { from: SALES_STAGES, to: 'rejected', causes: ['sales_rejected', 'sales_deleted'] },
  { from: ['accepted'], to: 'working', causes: ['first_touch'] },
  { from: ['dormant'], to: 'working', causes: ['activity'] },
  { from: SALES_STAGES, to: 'converted', causes: ['converted'] },
  { from: ['converted'], to: 'won', causes: ['won'] },
  { from: ['converted'], to: 'lost', causes: ['lost'] },
  { from: ['rejected'], to: 'recycled', causes: ['rejection_recycle'] },
  { from: ['rejected'], to: 'disqualified', causes: ['rejection_disqualify', 'rejection_merge'] },
  { from: ['rejected'], to: 'nurturing', causes: ['rejection_fix_data'] },
  { from: SALES_STAGES, to: 'recycled', causes: ['sla_escalation'] },
  { from: ['accepted', 'working'], to: 'dormant', causes: ['dormant'] },
  { from: ['dormant'], to: 'recycled', causes: ['dormancy_recycle'] },
  { from: ['dormant'], to: 'disqualified', causes: ['dormancy_disqualify'] },
  { from: ['recycled'], to: 'nurturing', causes: ['recycle_due'] },
  { from: MARKETING_STAGES, to: 'disqualified', causes: ['retired', 'merged'] },
  { from: ['rejected', 'recycled', 'disqualified'], to: 'nurturing', causes: ['manual_requalify'] },
  { from: OPEN_STAGES, to: 'disqualified', causes: ['manual_disqualify'] },
];

export interface TransitionRefusal {
  readonly from: Stage;
  readonly to: Stage;
  readonly cause: TransitionCause;
  readonly reason: string;
}

/** Whether the table allows `from -> to` for this cause; the refusal says why not, in words. */
export function validateTransition(
  from: Stage,
  to: Stage,
  cause: TransitionCause,
): Result<TransitionRule, TransitionRefusal> {
  if (from === to) return err({ from, to, cause, reason: `the lead is already ${to}` });
  const rule = TRANSITIONS.find(
    (candidate) => candidate.to === to && candidate.from.includes(from) && candidate.causes.includes(cause),
  );
  if (rule !== undefined) return ok(rule);
  const allowed = TRANSITIONS.filter((candidate) => candidate.to === to && candidate.from.includes(from)).flatMap(
    (candidate) => candidate.causes,
  );
  const reason =
    allowed.length === 0
      ? `no transition from ${from} to ${to}`
      : `${from} -> ${to} is allowed only on ${allowed.join(' or ')}, not on ${cause}`;
  return err({ from, to, cause, reason });
}

export function isStageIn<S extends Stage>(stage: Stage, stages: readonly S[]): stage is S {
  return (stages as readonly Stage[]).includes(stage);
}
