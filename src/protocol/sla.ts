import { addBusinessMinutes, businessMinutesBetween } from './business-hours';
import type { DecisionContext } from './context';
import type { Lead, SlaClock, SlaStatus } from './lead';
import type { Calendar } from './schema/calendar.schema';
import type { Protocol } from './schema/protocol.schema';
import type { SlaWindow } from './schema/sla.schema';
import type { ClockName, TimerSpec } from './timers';

export function calendarNamed(protocol: Protocol, name: string): Calendar {
  const calendar = protocol.calendars[name];
  if (calendar === undefined)
    throw new Error(`protocol ${protocol.version} has no calendar "${name}" (the loader checks references)`);
  return calendar;
}

export function windowOf(protocol: Protocol, clock: ClockName): SlaWindow {
  return clock === 'accept' ? protocol.sla.accept : protocol.sla.firstTouch;
}

/** The window in business minutes, with the territory's override if it has one. */
export function windowMinutes(protocol: Protocol, territory: string | null, clock: ClockName): number {
  const override = protocol.routing.territories.find((candidate) => candidate.name === territory)?.sla;
  const hours = clock === 'accept' ? override?.acceptBusinessHours : override?.firstTouchBusinessHours;
  return (hours ?? windowOf(protocol, clock).businessHours) * 60;
}

export function clockOf(lead: Lead, clock: ClockName): SlaClock | null {
  return lead.sla === null ? null : clock === 'accept' ? lead.sla.accept : lead.sla.firstTouch;
}

function isClock(clock: ClockName) {
  return (timer: TimerSpec) => timer.kind !== 'recycle_due' && timer.kind !== 'marketing_due' && timer.clock === clock;
}

function isSla(timer: TimerSpec): boolean {
  return timer.kind !== 'recycle_due' && timer.kind !== 'marketing_due';
}

/** The SLA status both CRMs show: a breach sticks; Met once every clock is met; else the worst running clock. */
export function refreshSlaStatus(lead: Lead): void {
  if (lead.sla === null) return;
  const states = [lead.sla.accept.state, lead.sla.firstTouch.state];
  let status: SlaStatus = 'on_track';
  if (states.some((state) => state === 'breached' || state === 'met_late')) status = 'breached';
  else if (states.every((state) => state === 'met' || state === 'cancelled')) status = 'met';
  else if (states.includes('at_risk')) status = 'at_risk';
  lead.slaStatus = status;
}

function startClock(ctx: DecisionContext, clock: ClockName, start: number, nextStep: number): SlaClock {
  const { protocol, lead } = ctx;
  const calendar = calendarNamed(protocol, lead.sla?.calendar ?? '');
  const minutes = windowMinutes(protocol, lead.territory, clock);
  const state: SlaClock = {
    dueAt: addBusinessMinutes(start, minutes, calendar),
    warnAt: addBusinessMinutes(start, (minutes * windowOf(protocol, clock).warnAtPercent) / 100, calendar),
    state: 'running',
    metAt: null,
    breachedAt: null,
    nextStep,
  };
  ctx.cancelTimers(isClock(clock));
  if (state.warnAt < state.dueAt) ctx.schedule({ kind: 'sla_warning', clock }, state.warnAt);
  ctx.schedule({ kind: 'sla_due', clock }, state.dueAt);
  return state;
}

/** Starts both clocks at the hand-off instant, in the calendar of the lead's territory. */
export function startSla(ctx: DecisionContext, calendar: string, start: number): void {
  const lead = ctx.lead;
  ctx.cancelTimers(isSla);
  const placeholder: SlaClock = {
    dueAt: start,
    warnAt: start,
    state: 'cancelled',
    metAt: null,
    breachedAt: null,
    nextStep: 0,
  };
  lead.sla = { calendar, startedAt: start, accept: placeholder, firstTouch: placeholder };
  lead.sla.accept = startClock(ctx, 'accept', start, 0);
  lead.sla.firstTouch = startClock(ctx, 'first_touch', start, 0);
  refreshSlaStatus(lead);
}

/** A new owner gets a full window on every clock still open; the escalation ladder goes on where it was. */
export function restartOpenClocks(ctx: DecisionContext, calendar: string): void {
  const sla = ctx.lead.sla;
  if (sla === null) return;
  sla.calendar = calendar;
  for (const clock of ['accept', 'first_touch'] as const) {
    const current = clockOf(ctx.lead, clock);
    if (current === null || current.state === 'met' || current.state === 'met_late' || current.state === 'cancelled')
      continue;
    const restarted = startClock(ctx, clock, ctx.now, current.nextStep);
    if (clock === 'accept') sla.accept = restarted;
    else sla.firstTouch = restarted;
  }
  refreshSlaStatus(ctx.lead);
}

/** The clock's obligation is fulfilled at `at` (acceptance, a response, the first touch). */
export function meetClock(ctx: DecisionContext, clock: ClockName, at: number): void {
  const state = clockOf(ctx.lead, clock);
  if (state === null || state.state === 'met' || state.state === 'met_late' || state.state === 'cancelled') return;
  const onTime = state.state !== 'breached';
  state.state = onTime ? 'met' : 'met_late';
  state.metAt = at;
  ctx.cancelTimers(isClock(clock));
  ctx.metric('sla.met', { clock, onTime: String(onTime), territory: ctx.lead.territory ?? 'none' });
  refreshSlaStatus(ctx.lead);
}

/** The clock no longer applies (the lead left Sales before it ran out); a breach stays on record. */
export function cancelClock(ctx: DecisionContext, clock: ClockName): void {
  const state = clockOf(ctx.lead, clock);
  if (state !== null && (state.state === 'running' || state.state === 'at_risk')) state.state = 'cancelled';
  ctx.cancelTimers(isClock(clock));
  refreshSlaStatus(ctx.lead);
}

export function endSla(ctx: DecisionContext): void {
  cancelClock(ctx, 'accept');
  cancelClock(ctx, 'first_touch');
}

/** Business minutes from the hand-off to `at` in the SLA calendar, rounded, never negative; null without a hand-off. */
export function minutesSinceHandoff(ctx: DecisionContext, at: number): number | null {
  const { lead, protocol } = ctx;
  if (lead.handedOffAt === null || lead.sla === null) return null;
  return Math.max(
    0,
    Math.round(businessMinutesBetween(lead.handedOffAt, at, calendarNamed(protocol, lead.sla.calendar))),
  );
}
