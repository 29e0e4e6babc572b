import { raiseAlert } from './alerts';
import type { DecisionContext } from './context';
import { evaluate } from './evaluate';
import { applyNextStep, escalate } from './escalation';
import type { EventOf } from './events';
import { marketingActionDue } from './marketing-sla';
import { clockOf, refreshSlaStatus } from './sla';
import type { ClockName } from './timers';
import { isoInstant } from './values';

function warning(ctx: DecisionContext, clock: ClockName): void {
  const state = clockOf(ctx.lead, clock);
  if (state?.state !== 'running') return;
  state.state = 'at_risk';
  refreshSlaStatus(ctx.lead);
  ctx.audit('sla', `SLA ${clock} at risk: due ${isoInstant(state.dueAt)}`);
  ctx.metric('sla.at_risk', { clock, territory: ctx.lead.territory ?? 'none' });
  raiseAlert(ctx, 'warning', clock);
}

function due(ctx: DecisionContext, clock: ClockName): void {
  const state = clockOf(ctx.lead, clock);
  if (state?.state !== 'running' && state?.state !== 'at_risk') return;
  state.state = 'breached';
  state.breachedAt = state.dueAt;
  ctx.lead.slaBreaches += 1;
  refreshSlaStatus(ctx.lead);
  ctx.audit('sla', `SLA ${clock} breached`);
  ctx.metric('sla.breached', { clock, territory: ctx.lead.territory ?? 'none' });
  raiseAlert(ctx, 'breach', clock);
  escalate(ctx, clock, state.dueAt);
}

function recycleDue(ctx: DecisionContext): void {
  if (!ctx.transition('nurturing', 'recycle_due')) return;
  ctx.lead.reengageAt = null;
  evaluate(ctx);
}

/**
 * A timer came back. Only a timer the lead still waits for does anything: one that was cancelled
 * or replaced (a new hand-off, a reassignment, an acceptance) is a no-op.
 */
export function onTimerFired(ctx: DecisionContext, event: EventOf<'timer.fired'>): void {
  const lead = ctx.lead;
  const pending = lead.timers.find((timer) => timer.key === event.key);
  if (pending === undefined) {
    ctx.ignored = `timer ${event.key} is no longer pending`;
    return;
  }
  lead.timers = lead.timers.filter((timer) => timer.key !== event.key);
  const timer = pending.timer;
  switch (timer.kind) {
    case 'sla_warning':
      warning(ctx, timer.clock);
      return;
    case 'sla_due':
      due(ctx, timer.clock);
      return;
    case 'sla_escalation':
      if (clockOf(lead, timer.clock)?.nextStep === timer.step) applyNextStep(ctx, timer.clock);
      return;
    case 'recycle_due':
      recycleDue(ctx);
      return;
    case 'marketing_due':
      marketingActionDue(ctx, timer.action);
      return;
    default: {
      const never: never = timer;
      throw new Error(`unknown timer ${JSON.stringify(never)}`);
    }
  }
}
