import type { DecisionContext } from './context';
import { startMarketingAction } from './marketing-sla';
import { recycle, requiredDays } from './recycle';
import type { RejectionCode } from './schema/rejection.schema';
import { respond } from './sales-progress';
import { requestTask } from './tasks';

/** What Marketing does with a validly rejected lead, as the code's action says. */
function applyAction(ctx: DecisionContext, entry: RejectionCode): void {
  const lead = ctx.lead;
  if (lead.rejection !== null) lead.rejection.action = entry.action;
  const note = lead.rejection?.note ?? null;
  const said = `Rejected by Sales: ${entry.code} (${entry.label}).${note === null ? '' : ` "${note.slice(0, 500)}"`}`;
  switch (entry.action) {
    case 'recycle':
      recycle(ctx, 'rejection_recycle', requiredDays(entry.recycleAfterDays, `rejection code ${entry.code}`), said);
      return;
    case 'disqualify':
      if (ctx.transition('disqualified', 'rejection_disqualify')) lead.salesFeedback = `${said} Disqualified.`;
      return;
    case 'fix_data':
      if (!ctx.transition('nurturing', 'rejection_fix_data')) return;
      lead.salesFeedback = `${said} Marketing to fix the data; the lead is scored again when it changes.`;
      startMarketingAction(ctx, 'fix_data');
      return;
    case 'merge':
      if (!ctx.transition('disqualified', 'rejection_merge')) return;
      lead.salesFeedback = `${said} Duplicate: merge it into the original record.`;
      startMarketingAction(ctx, 'merge');
      return;
    default: {
      const never: never = entry.action;
      throw new Error(`unknown rejection action ${String(never)}`);
    }
  }
}

/** A rejection without a listed code is a protocol violation, fed back to both sides. */
function violation(ctx: DecisionContext, code: string | null): void {
  const lead = ctx.lead;
  if (lead.rejection !== null) lead.rejection.violation = true;
  const codes = ctx.protocol.rejection.codes.map((entry) => entry.code).join(', ');
  const how = code === null ? 'without a rejection code' : `with code "${code}", which the protocol does not list`;
  ctx.violation(code === null ? 'rejection_without_code' : 'rejection_unknown_code', `Sales rejected the lead ${how}`);
  lead.salesFeedback = `Protocol violation: Sales rejected this lead ${how}. Waiting for a valid code (${codes}).`;
  requestTask(
    ctx,
    'owner',
    'rejection_violation',
    'Lead protocol: give this rejection a valid reason code',
    `This lead was rejected ${how}. The lead protocol (version ${ctx.protocol.version}) needs one of: ${codes}. Set the rejection code so Marketing can act on it.`,
  );
}

/**
 * Sales rejected the lead (Status, deletion, or the admin API). A listed code applies its action
 * at once; no code or an unlisted one leaves the lead rejected, reported as a violation, until a
 * valid code arrives. Returns whether anything was recorded.
 */
export function reject(ctx: DecisionContext, rawCode: string | null, at: number, note: string | null = null): boolean {
  const lead = ctx.lead;
  const code = rawCode === null || rawCode.trim() === '' ? null : rawCode.trim();
  const entry = ctx.protocol.rejection.codes.find((candidate) => candidate.code === code);
  if (lead.stage === 'rejected' && lead.rejection !== null) {
    if (lead.rejection.code === code) return false;
    lead.rejection.code = code;
    lead.rejection.note = note;
    lead.rejection.valid = entry !== undefined;
    if (entry === undefined) violation(ctx, code);
    else applyAction(ctx, entry);
    return true;
  }
  if (!ctx.transition('rejected', 'sales_rejected', { at })) return false;
  respond(ctx, at);
  lead.rejection = { code, valid: entry !== undefined, violation: false, action: null, at, note };
  if (entry === undefined) violation(ctx, code);
  else applyAction(ctx, entry);
  return true;
}
