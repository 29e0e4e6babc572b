import type { AuditKind, Cause, Effect, MetricName } from './effects';
import type { LeadEvent } from './events';
import type { Lead } from './lead';
import type { RoutingDecision } from './routing';
import type { Protocol } from './schema/protocol.schema';
import { validateTransition, type Stage, type TransitionCause } from './stages';
import { describeTimer, type TimerSpec } from './timers';
import type { FieldValue } from './values';

/** A change the engine would not make, and why; recorded in the audit trail, never applied. */
export interface Refusal {
  readonly from: Stage;
  readonly to: Stage | null;
  readonly cause: TransitionCause | null;
  readonly reason: string;
}

type StampField =
  | 'mqlAt'
  | 'handedOffAt'
  | 'acceptedAt'
  | 'rejectedAt'
  | 'convertedAt'
  | 'closedAt'
  | 'recycledAt'
  | 'dormantAt'
  | 'disqualifiedAt';

const STAMPS: Partial<Record<Stage, StampField>> = {
  mql: 'mqlAt',
  handed_off: 'handedOffAt',
  accepted: 'acceptedAt',
  rejected: 'rejectedAt',
  converted: 'convertedAt',
  won: 'closedAt',
  lost: 'closedAt',
  recycled: 'recycledAt',
  dormant: 'dormantAt',
  disqualified: 'disqualifiedAt',
};

export type ViolationKind =
  | 'rejection_without_code'
  | 'rejection_unknown_code'
  | 'deleted_without_rejection'
  | 'field_flapping'
  | 'marketing_sla_breached';

/**
 * One decision in the making: a private draft of the lead that handlers change, and the effects
 * they emit. Only `decide` creates one, so the engine stays pure from the outside.
 */
export class DecisionContext {
  readonly effects: Effect[] = [];
  refused: Refusal | undefined;
  ignored: string | undefined;
  /** Salesforce fields a handler writes on purpose (Status, the rejection code), merged into the update. */
  readonly salesforceWrites: Record<string, FieldValue> = {};
  /**
   * Write every one of leadpact's HubSpot properties, blanks included, whatever leadpact believes
   * the contact holds: after a merge the survivor holds a mix of both contacts' values.
   */
  rewriteHubSpot = false;
  /** Send the linked record nothing in this decision: Salesforce has just refused what leadpact sent it. */
  holdSalesforceWrites = false;
  /** Set when this decision hands the lead off; the effect is built last, from the final state. */
  handoff: RoutingDecision | undefined;

  constructor(
    readonly lead: Lead,
    readonly event: LeadEvent,
    readonly protocol: Protocol,
    readonly now: number,
  ) {}

  cause(extra: Omit<Cause, 'eventId' | 'eventType'> = {}): Cause {
    const actor = 'actor' in this.event ? { actor: this.event.actor } : {};
    const timer = this.event.type === 'timer.fired' ? { timerKey: this.event.key } : {};
    return { eventId: this.event.id, eventType: this.event.type, ...actor, ...timer, ...extra };
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  audit(kind: AuditKind, detail: string, extra: { cause?: Cause; from?: Stage; to?: Stage } = {}): void {
    const { cause = this.cause(), ...stages } = extra;
    this.emit({ type: 'audit', leadId: this.lead.id, at: this.now, kind, cause, detail, ...stages });
  }

  metric(name: MetricName, labels: Readonly<Record<string, string>> = {}, value = 1): void {
    this.emit({ type: 'metric', name, value, labels });
  }

  violation(kind: ViolationKind, detail: string): void {
    this.audit('violation', `${kind}: ${detail}`);
    this.metric('protocol.violation', { kind });
  }

  /**
   * Moves the lead to `to` if the table allows it for this cause, stamping the stage's instant
   * (`at`: when the fact happened; the engine's own decisions use now) and auditing it.
   */
  transition(to: Stage, cause: TransitionCause, options: { at?: number; rules?: readonly string[] } = {}): boolean {
    const from = this.lead.stage;
    const checked = validateTransition(from, to, cause);
    if (!checked.ok) {
      this.refuse(checked.error.reason, to, cause);
      return false;
    }
    const at = options.at ?? this.now;
    const stamp = STAMPS[to];
    if (stamp !== undefined) this.lead[stamp] = at;
    this.lead.stage = to;
    this.lead.stageChangedAt = at;
    this.lead.lastTransition = { from, to, cause, eventId: this.event.id, at };
    const rules = options.rules === undefined ? {} : { rules: options.rules };
    this.audit('transition', `${from} -> ${to} (${cause})`, {
      cause: this.cause({ transition: cause, ...rules }),
      from,
      to,
    });
    this.metric('lead.transition', { from, to, cause });
    return true;
  }

  refuse(reason: string, to: Stage | null, cause: TransitionCause | null): void {
    const from = this.lead.stage;
    this.refused ??= { from, to, cause, reason };
    const stages = to === null ? { from } : { from, to };
    this.audit('refused', reason, { cause: this.cause(cause === null ? {} : { transition: cause }), ...stages });
    this.metric('lead.refused', { from, to: to ?? 'none', cause: cause ?? 'none' });
  }

  schedule(timer: TimerSpec, fireAt: number): void {
    this.lead.timerSeq += 1;
    const key = `${this.lead.id}:${this.lead.timerSeq}:${describeTimer(timer)}`;
    this.lead.timers.push({ key, fireAt, timer });
    this.emit({ type: 'timer.schedule', leadId: this.lead.id, key, fireAt, timer });
  }

  cancelTimers(which: (timer: TimerSpec) => boolean): void {
    const keep = [];
    for (const pending of this.lead.timers) {
      if (which(pending.timer)) this.emit({ type: 'timer.cancel', leadId: this.lead.id, key: pending.key });
      else keep.push(pending);
    }
    this.lead.timers = keep;
  }

  /** A key for something this decision creates once (a task, a reassignment). */
  key(what: string): string {
    return `${this.event.id}:${what}`;
  }
}
