import type { SalesforceUpdate } from '../../shared/field-specs';
import type { SalesforceId } from '../../shared/ids';
import { salesforceUpdateEffectSchema } from '../../protocol';
import type { OutboxRow } from '../../store';
import { CONVERTED_LEAD_CODE, retargetConverted } from './converted-leads';
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
    entries.forEach((entry, i) => {
      const outcome = writeOutcome(results[i]);
      if (!refused.includes(entry)) for (const row of entry.rows) outcomes.set(row.id, outcome);
    });
    if (refused.length > 0) await sendToConverted(deps, refused, outcomes);
  }
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
