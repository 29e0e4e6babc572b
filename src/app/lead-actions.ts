import { applyToLead, type ApplyDeps } from './apply-events/apply-events';
import { leadEventSchema, type LeadEvent } from '../protocol';
import type { LeadId } from '../shared/ids';
import { err, ok, type Result } from '../shared/result';
import { repositories, type LeadRecord } from '../store';

/** What an administrator does on Sales' or Marketing's behalf (the engine's manual.* events). */
export type ManualAction =
  | { readonly action: 'accept'; readonly actor: string }
  | { readonly action: 'reject'; readonly actor: string; readonly code: string; readonly note?: string | undefined }
  | { readonly action: 'requalify'; readonly actor: string }
  | { readonly action: 'disqualify'; readonly actor: string; readonly note?: string | undefined }
  | { readonly action: 'reassign'; readonly actor: string; readonly ownerId?: string | undefined }
  | { readonly action: 'release_field'; readonly actor: string; readonly field: string };

export interface ActionApplied {
  readonly before: string;
  readonly after: string;
  /** False when the event changed nothing: a repeat of the same request, a field not quarantined... */
  readonly changed: boolean;
  readonly lead: LeadRecord;
}

export type ActionProblem =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unknown_code'; readonly codes: readonly string[] }
  /** The protocol does not allow it; the refusal is in the lead's audit trail. */
  | { readonly kind: 'refused'; readonly reason: string };

function eventOf(action: ManualAction, id: string, at: number): LeadEvent {
  const { action: name, ...fields } = action;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return leadEventSchema.parse({ type: `manual.${name}`, id, at, ...defined });
}

/**
 * Applies one manual action through the engine, like any event: the lead, its audit trail and its
 * CRM writes are saved together. `eventId` makes a retried request a no-op.
 */
export async function applyManualAction(
  deps: ApplyDeps,
  leadId: LeadId,
  action: ManualAction,
  eventId: string,
): Promise<Result<ActionApplied, ActionProblem>> {
  const leads = repositories(deps.db).leads;
  const current = await leads.findById(leadId);
  if (current === null) return err({ kind: 'not_found' });
  if (action.action === 'reject') {
    const codes = deps.protocol.rejection.codes.map((c) => c.code);
    if (!codes.includes(action.code)) return err({ kind: 'unknown_code', codes });
  }
  const event = eventOf(action, eventId, deps.clock.now());
  const applied = await applyToLead(deps, { kind: 'lead', id: leadId }, () => [event]);
  const refusal = applied.effects.find((effect) => effect.type === 'audit' && effect.kind === 'refused');
  if (refusal?.type === 'audit') return err({ kind: 'refused', reason: refusal.detail });
  const saved = (await leads.findById(leadId)) ?? current;
  return ok({ before: current.stage, after: saved.stage, changed: saved.version !== current.version, lead: saved });
}
