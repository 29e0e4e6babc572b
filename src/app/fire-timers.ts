import type { LeadEvent } from '../protocol';
import { repositories } from '../store';
import { applyToLead, type ApplyDeps } from './apply-events/apply-events';
import { leadSchema } from '../protocol';
import type { TimerJob } from '../queue/timer-scheduler';

/** A timer's delayed job came due: the engine decides what it means now (a stale timer is a no-op). */
export async function fireTimer(deps: ApplyDeps, timer: TimerJob): Promise<void> {
  const event: LeadEvent = {
    type: 'timer.fired',
    id: timer.key,
    at: deps.clock.now(),
    leadId: timer.leadId,
    key: timer.key,
    timer: timer.timer,
  };
  await applyToLead(deps, { kind: 'lead', id: timer.leadId }, () => [event]);
}

/** How late a timer may be before the sweep fires it itself: its delayed job is presumed lost. */
const GRACE_MS = 60_000;

/**
 * Fires timers whose delayed job never came (Redis lost it, or the process died between saving
 * the lead and scheduling the job). Returns how many timers it fired.
 */
export async function sweepOverdueTimers(deps: ApplyDeps, limit = 500): Promise<number> {
  const now = deps.clock.now();
  const due = await repositories(deps.db).leads.withTimersDue(now - GRACE_MS, limit);
  let fired = 0;
  for (const record of due) {
    const lead = leadSchema.safeParse(record.state);
    if (!lead.success) continue;
    for (const timer of lead.data.timers.filter((t) => t.fireAt < now - GRACE_MS)) {
      await fireTimer(deps, { leadId: record.id, key: timer.key, fireAt: timer.fireAt, timer: timer.timer });
      fired++;
    }
  }
  return fired;
}
