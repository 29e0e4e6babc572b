import type { SalesforceUpdate } from '../../shared/field-specs';
import type { SalesforceId } from '../../shared/ids';
import { salesforceUpdateEffectSchema, type LeadEvent } from '../../protocol';
import type { OutboxRow } from '../../store';
import { CONVERTED_LEAD_CODE, retargetConverted } from './converted-leads';
import { isFixData, refusalReason } from './org-rule-outcomes';
import { writeOutcome } from './outbox-relay';
import { feedBack, parsed, type Feedback, type Outcomes, type SalesforceSenderDeps } from './salesforce-sender-support';

/** Field updates of linked records: one call per object, a record's rows merged (later rows win). */
export async function sendUpdates(
  deps: SalesforceSenderDeps,
  rows: readonly OutboxRow[],
  outcomes: Outcomes,
): Promise<void> {
  const updates = parsed(rows, outcomes, salesforceUpdateEffectSchema);
  for (const object of ['Lead', 'Contact'] as const) {
    const merged = new Map<SalesforceId, { rows: OutboxRow[]; update: SalesforceUpdate }>();
    for (const { row, effect } of updates.filter((u) => u.effect.object === object)) {
      const entry = merged.get(effect.salesforceId) ?? { rows: [], update: { id: effect.salesforceId, fields: {} } };
      entry.rows.push(row);
      entry.update = { id: effect.salesforceId, fields: { ...entry.update.fields, ...effect.fields } };
      merged.set(effect.salesforceId, entry);
    }
    if (merged.size === 0) continue;
    const entries = [...merged.values()];
    const results = await deps.port.update(
      object,
      entries.map((e) => e.update),
    );
    const refused = entries.filter((_, i) => {
      const result = results[i];
      return object === 'Lead' && result?.ok === false && result.code === CONVERTED_LEAD_CODE;
    });
    const feedback: Feedback[] = [];
    entries.forEach((entry, i) => {
      const result = results[i];
      if (isFixData(result)) feedback.push(...refusedUpdate(deps, object, entry, result));
      else if (!refused.includes(entry)) for (const row of entry.rows) outcomes.set(row.id, writeOutcome(result));
    });
    await feedBack(deps, feedback, outcomes);
    // A record's other rows were merged into the refused update: they share its outcome.
    for (const entry of entries.filter((_, i) => isFixData(results[i]))) {
      const [first, ...rest] = entry.rows;
      const outcome = first === undefined ? undefined : outcomes.get(first.id);
      if (outcome !== undefined) for (const row of rest) outcomes.set(row.id, outcome);
    }
    if (refused.length > 0) await sendToConverted(deps, refused, outcomes);
  }
}

/**
 * An update the org refused for its data (a validation rule, a required field, a picklist value)
 * goes back to Marketing as the lead's fix-data feedback, with the admin's message: not a dead
 * letter, and not retried as it stands (the engine sends it again once the lead changes).
 */
function refusedUpdate(
  deps: SalesforceSenderDeps,
  object: 'Lead' | 'Contact',
  entry: { rows: OutboxRow[]; update: SalesforceUpdate },
  result: Parameters<typeof refusalReason>[2],
): Feedback[] {
  const [first] = entry.rows;
  if (first === undefined) return [];
  deps.logger.info(
    { object, id: entry.update.id, code: result.code },
    'Salesforce refused an update for its data; the lead goes back to Marketing to fix',
  );
  const event: LeadEvent = {
    type: 'salesforce.update.refused',
    id: `${first.id}:refused`,
    at: deps.clock.now(),
    salesforceId: entry.update.id,
    object,
    reason: refusalReason(`the update of the ${object}`, object, result).slice(0, 500),
    fields: Object.keys(entry.update.fields),
  };
  return [{ row: first, event, outcome: { kind: 'done' } }];
}

/** Updates a rep's conversion overtook go to the Contact; the engine hears of the conversion with the outcome. */
async function sendToConverted(
  deps: SalesforceSenderDeps,
  entries: readonly { rows: OutboxRow[]; update: SalesforceUpdate }[],
  outcomes: Outcomes,
): Promise<void> {
  const retargeted = await retargetConverted(
    deps.port,
    deps.protocol,
    entries.map((e) => e.update),
    deps.clock.now(),
  );
  const feedback: Feedback[] = [];
  entries.forEach((entry, i) => {
    const { outcome, conversion } = retargeted[i] ?? { outcome: writeOutcome(undefined), conversion: null };
    const [first, ...rest] = entry.rows;
    for (const row of rest) outcomes.set(row.id, outcome);
    if (first === undefined) return;
    if (conversion === null) outcomes.set(first.id, outcome);
    else feedback.push({ row: first, event: conversion, outcome });
  });
  await feedBack(deps, feedback, outcomes);
}
