import type { DecisionContext } from './context';
import { reassign } from './escalation';
import { evaluate } from './evaluate';
import type { EventOf } from './events';
import { writeSalesStatus } from './recycle';
import { reject } from './rejection';
import { route, type RoutingDecision } from './routing';
import { accept } from './sales-progress';
import { endSla } from './sla';
import { isStageIn, SALES_STAGES } from './stages';
import { contactProperties } from './field-sync';

export function onManualAccept(ctx: DecisionContext, event: EventOf<'manual.accept'>): void {
  const [status] = ctx.protocol.salesStatus.accepted;
  if (accept(ctx, event.at) && status !== undefined) writeSalesStatus(ctx, status);
}

/** An admin rejects on Sales' behalf: the same code rules apply, and Salesforce is told. */
export function onManualReject(ctx: DecisionContext, event: EventOf<'manual.reject'>): void {
  if (!reject(ctx, event.code, event.at)) return;
  const [status] = ctx.protocol.salesStatus.rejected;
  if (status !== undefined) writeSalesStatus(ctx, status);
  if (ctx.lead.salesforce !== null)
    ctx.salesforceWrites[ctx.protocol.writeBack.salesforce.rejectionCode] = ctx.lead.rejection?.code ?? null;
  if (event.note !== undefined) ctx.audit('note', event.note);
}

/** Score the lead again now; a rejected, recycled or disqualified lead first goes back to nurturing. */
export function onManualRequalify(ctx: DecisionContext): void {
  const lead = ctx.lead;
  if (lead.retired !== null) {
    ctx.refuse(
      `the contact is retired (${lead.retired.reason}); it is never handed off again`,
      'nurturing',
      'manual_requalify',
    );
    return;
  }
  if (!isStageIn(lead.stage, ['new', 'nurturing', 'mql'] as const)) {
    if (!ctx.transition('nurturing', 'manual_requalify')) return;
    ctx.cancelTimers((timer) => timer.kind === 'recycle_due');
    lead.reengageAt = null;
  }
  evaluate(ctx);
}

export function onManualDisqualify(ctx: DecisionContext, event: EventOf<'manual.disqualify'>): void {
  if (!ctx.transition('disqualified', 'manual_disqualify')) return;
  endSla(ctx);
  ctx.cancelTimers((timer) => timer.kind === 'recycle_due' || timer.kind === 'marketing_due');
  ctx.lead.pendingMarketingAction = null;
  ctx.lead.salesFeedback =
    event.note === undefined ? 'Disqualified by an administrator.' : `Disqualified by an administrator: ${event.note}`;
}

/** A new owner: the one named, or the next by routing (never the current one). */
export function onManualReassign(ctx: DecisionContext, event: EventOf<'manual.reassign'>): void {
  const lead = ctx.lead;
  if (!isStageIn(lead.stage, SALES_STAGES)) {
    ctx.refuse(`a ${lead.stage} lead is not with Sales, so it has no owner to change`, null, null);
    return;
  }
  const routed = route(contactProperties(lead), ctx.protocol.routing, {
    exclude: lead.ownerId === null ? [] : [lead.ownerId],
  });
  const routing: RoutingDecision =
    event.ownerId === undefined
      ? routed
      : {
          territory: lead.territory ?? routed.territory,
          calendar: lead.sla?.calendar ?? routed.calendar,
          matched: 'territory',
          assign: { kind: 'owner', ownerId: event.ownerId },
        };
  reassign(ctx, routing);
}

/** Writes of the field resume; its next change counts afresh. */
export function onManualReleaseField(ctx: DecisionContext, event: EventOf<'manual.release_field'>): void {
  const guard = ctx.lead.fieldGuard;
  if (!guard.quarantined.includes(event.field)) {
    ctx.ignored = `${event.field} is not quarantined`;
    return;
  }
  guard.quarantined = guard.quarantined.filter((field) => field !== event.field);
  ctx.audit('field_quarantined', `${event.field} released from quarantine; leadpact writes it again`);
}
