import { salesforceReassignEffectSchema, type LeadEvent } from '../../protocol';
import { parseInstant } from '../../protocol/values';
import { isSalesforceId, type SalesforceId } from '../../shared/ids';
import type { OutboxRow } from '../../store';
import { outcomeOf, writeOutcome } from './outbox-relay';
import { feedBack, parsed, type Outcomes, type SalesforceSenderDeps } from './salesforce-sender-support';

/** A new owner from the SLA ladder or an admin, then the record read back so the engine knows its state. */
export async function sendReassigns(
  deps: SalesforceSenderDeps,
  rows: readonly OutboxRow[],
  outcomes: Outcomes,
): Promise<void> {
  for (const { row, effect } of parsed(rows, outcomes, salesforceReassignEffectSchema)) {
    const ownerId = await deps.picker.pick(effect.routing.assign);
    const [result] = await deps.port.update(effect.object, [{ id: effect.salesforceId, fields: { OwnerId: ownerId } }]);
    const outcome = writeOutcome(result);
    if (outcome.kind !== 'done') {
      outcomes.set(row.id, outcome);
      continue;
    }
    const state = await assignedState(deps, effect.object, effect.salesforceId);
    const event: LeadEvent = {
      type: 'salesforce.owner.assigned',
      id: `${effect.reassignKey}:assigned`,
      at: deps.clock.now(),
      salesforceId: effect.salesforceId,
      object: effect.object,
      ownerId: state?.ownerId ?? ownerId,
      ...(state?.stateAt === undefined ? {} : { stateAt: state.stateAt }),
    };
    await feedBack(deps, [{ row, event, outcome }], outcomes);
  }
}

/**
 * The record as it stands after the assignment (one read; reassignments are rare), so the engine
 * can tell a late outbound message from before it. The owner is assigned either way: a failed read
 * is logged, not retried, since a retry would route the record a second time.
 */
async function assignedState(
  deps: SalesforceSenderDeps,
  object: 'Lead' | 'Contact',
  id: SalesforceId,
): Promise<{ ownerId: SalesforceId | null; stateAt: number | undefined } | null> {
  try {
    const [record] = await deps.port.retrieve(object, [id], ['OwnerId', 'SystemModstamp']);
    if (record === undefined) return null;
    const { SystemModstamp: modstamp, OwnerId: owner } = record.fields;
    const stateAt = typeof modstamp === 'string' ? parseInstant(modstamp) : null;
    return {
      ownerId: typeof owner === 'string' && isSalesforceId(owner) ? owner : null,
      stateAt: stateAt ?? undefined,
    };
  } catch (error) {
    const outcome = outcomeOf(error);
    deps.logger.warn(
      { object, code: 'code' in outcome ? outcome.code : 'RATE_LIMITED' },
      'could not read the reassigned record back; a late message from before may show the previous owner',
    );
    return null;
  }
}
