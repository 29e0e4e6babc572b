import type { DecisionContext } from './context';
import { alertChannels, type AlertKind } from './schema/alerts.schema';
import type { EscalationAction } from './schema/sla.schema';
import { calendarNamed, clockOf } from './sla';
import type { ClockName } from './timers';

/**
 * Asks for an alert about the clock where the protocol routes it (alerts.routes); nothing when no
 * route takes it. The key is the lead, the timer and the due time: a restarted clock (a new owner)
 * has a new due time and alerts again, the same timer fired twice does not.
 */
export function raiseAlert(ctx: DecisionContext, kind: AlertKind, clock: ClockName, action?: EscalationAction): void {
  const { lead, protocol } = ctx;
  const state = clockOf(lead, clock);
  if (state === null || lead.sla === null) return;
  const channels = alertChannels(protocol.alerts, protocol.routing, lead.territory, kind);
  if (channels.length === 0) return;
  const step = kind === 'escalation' ? `:${state.nextStep - 1}` : '';
  ctx.emit({
    type: 'sla.alert',
    leadId: lead.id,
    alertKey: `${lead.id}:${kind}:${clock}${step}:${state.dueAt}`,
    kind,
    clock,
    dueAt: state.dueAt,
    timeZone: calendarNamed(protocol, lead.sla.calendar).timeZone,
    territory: lead.territory,
    ownerId: lead.ownerId,
    ...(action === undefined ? {} : { action }),
    channels,
  });
}
