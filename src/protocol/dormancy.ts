import type { DecisionContext } from './context';
import { markReturned, recycle, requiredDays } from './recycle';
import { requestTask } from './tasks';
import { DAY_MS, isoDay } from './values';

/** The last sign of Sales working the lead: an activity, else its acceptance, else when it reached its stage. */
function lastSign(ctx: DecisionContext): number {
  const lead = ctx.lead;
  return Math.max(lead.lastActivityAt ?? 0, lead.acceptedAt ?? 0, lead.stageChangedAt);
}

/**
 * The periodic sweep: an accepted or working lead with no activity for the protocol's time is
 * dormant ("a sleeping pipeline"), and the protocol's action follows. Anything else is left alone.
 */
export function sweepDormancy(ctx: DecisionContext): void {
  const { lead, protocol, now } = ctx;
  const { afterDays, action, recycleAfterDays } = protocol.dormancy;
  if (lead.stage !== 'accepted' && lead.stage !== 'working') {
    ctx.ignored = `a ${lead.stage} lead cannot go dormant`;
    return;
  }
  const since = lastSign(ctx);
  if (now - since < afterDays * DAY_MS) {
    ctx.ignored = 'the lead has had activity recently';
    return;
  }
  if (!ctx.transition('dormant', 'dormant')) return;
  const said = `Dormant: no sales activity since ${isoDay(since)} (the protocol allows ${afterDays} days).`;
  lead.salesFeedback = said;
  const description = `${said} Work the lead, or reject it with a reason code so Marketing can act on it.`;
  switch (action) {
    case 'notify_owner':
      requestTask(ctx, 'owner', 'dormancy', 'Lead protocol: this lead has gone dormant', description);
      return;
    case 'notify_manager':
      requestTask(ctx, 'owner_manager', 'dormancy', 'Lead protocol: a lead of your team has gone dormant', description);
      return;
    case 'return_to_marketing':
      markReturned(ctx);
      recycle(ctx, 'dormancy_recycle', requiredDays(recycleAfterDays, 'dormancy'), `${said} Returned to Marketing.`);
      return;
    case 'disqualify':
      ctx.transition('disqualified', 'dormancy_disqualify');
      return;
    default: {
      const never: never = action;
      throw new Error(`unknown dormancy action ${String(never)}`);
    }
  }
}
