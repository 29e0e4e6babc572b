import { raiseAlert } from './alerts';
import { addBusinessMinutes } from './business-hours';
import type { DecisionContext } from './context';
import { markReturned, recycle, requiredDays } from './recycle';
import { route, type RoutingDecision } from './routing';
import { calendarNamed, clockOf, refreshSlaStatus, restartOpenClocks, windowOf } from './sla';
import type { EscalationStep } from './schema/sla.schema';
import { requestTask } from './tasks';
import type { ClockName } from './timers';
import { localTime } from './values';
import { contactProperties } from './field-sync';

const CLOCK_WORDS: Record<ClockName, string> = { accept: 'accepted', first_touch: 'touched' };

/**
 * Gives the record a new owner by routing and a full window on the clocks still open. Needs the
 * Salesforce record: before the hand-off completes there is nothing to reassign.
 */
export function reassign(ctx: DecisionContext, routing: RoutingDecision): boolean {
  const { lead } = ctx;
  if (lead.salesforce === null) {
    ctx.audit('escalation', 'reassignment skipped: the lead has no Salesforce record yet');
    return false;
  }
  ctx.emit({
    type: 'salesforce.reassign',
    leadId: lead.id,
    reassignKey: ctx.key('reassign'),
    salesforceId: lead.salesforce.id,
    object: lead.salesforce.object,
    previousOwnerId: lead.ownerId,
    routing,
  });
  lead.territory = routing.territory;
  if (routing.assign.kind === 'owner') lead.ownerId = routing.assign.ownerId;
  restartOpenClocks(ctx, routing.calendar);
  return true;
}

function escalationTask(ctx: DecisionContext, clock: ClockName): void {
  const { lead, protocol } = ctx;
  const hours = windowOf(protocol, clock).businessHours;
  const due = clockOf(lead, clock)?.dueAt;
  const zone = lead.sla === null ? null : calendarNamed(protocol, lead.sla.calendar).timeZone;
  requestTask(
    ctx,
    'owner_manager',
    'sla_escalation',
    `Lead protocol SLA breached: lead not ${CLOCK_WORDS[clock]} in time`,
    `The lead protocol (version ${protocol.version}) gives Sales ${hours} business hours to get this lead ${CLOCK_WORDS[clock]}` +
      `${due === undefined || zone === null ? '' : `; it was due ${localTime(due, zone, ctx.now)}`}. Please follow up with the owner.`,
  );
}

function apply(ctx: DecisionContext, clock: ClockName, step: EscalationStep): boolean {
  switch (step.action) {
    case 'notify_manager':
      escalationTask(ctx, clock);
      return true;
    case 'reassign':
      reassign(
        ctx,
        route(contactProperties(ctx.lead), ctx.protocol.routing, {
          exclude: ctx.lead.ownerId === null ? [] : [ctx.lead.ownerId],
        }),
      );
      return false;
    case 'return_to_marketing':
      markReturned(ctx);
      recycle(
        ctx,
        'sla_escalation',
        requiredDays(step.recycleAfterDays, 'return_to_marketing'),
        `Returned to Marketing: Sales did not get the lead ${CLOCK_WORDS[clock]} within the SLA.`,
      );
      return false;
    default: {
      const never: never = step.action;
      throw new Error(`unknown escalation action ${String(never)}`);
    }
  }
}

/** Applies the clock's next escalation step now, then lines up the one after it. */
export function applyNextStep(ctx: DecisionContext, clock: ClockName): void {
  const state = clockOf(ctx.lead, clock);
  if (state === null || state.state !== 'breached') return;
  const index = state.nextStep;
  const step = windowOf(ctx.protocol, clock).escalation[index];
  if (step === undefined) return;
  state.nextStep += 1;
  ctx.audit('escalation', `SLA ${clock} escalation step ${index + 1}: ${step.action}`);
  ctx.metric('sla.escalated', { clock, action: step.action, territory: ctx.lead.territory ?? 'none' });
  raiseAlert(ctx, 'escalation', clock, step.action);
  if (apply(ctx, clock, step)) escalate(ctx, clock, ctx.now);
  refreshSlaStatus(ctx.lead);
}

/**
 * Schedules the clock's next escalation step for when its delay (business hours after the breach
 * or the previous step) is over, or applies it at once if that is now. A reassignment restarts the
 * clock, and the ladder resumes at the next step when the new owner's window is breached in turn.
 */
export function escalate(ctx: DecisionContext, clock: ClockName, from: number): void {
  const state = clockOf(ctx.lead, clock);
  const sla = ctx.lead.sla;
  if (state === null || sla === null || state.state !== 'breached') return;
  const step = windowOf(ctx.protocol, clock).escalation[state.nextStep];
  if (step === undefined) return;
  const fireAt = addBusinessMinutes(from, step.afterBusinessHours * 60, calendarNamed(ctx.protocol, sla.calendar));
  if (fireAt > ctx.now) ctx.schedule({ kind: 'sla_escalation', clock, step: state.nextStep }, fireAt);
  else applyNextStep(ctx, clock);
}
