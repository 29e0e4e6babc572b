import type { HubSpotContactUpdate, HubSpotPort } from '../../../connectors/hubspot/hubspot-port';
import { hubspotUpdateEffectSchema } from '../../protocol';
import type { HubSpotContactId } from '../../shared/ids';
import type { OutboxRow } from '../../store';
import type { EchoMemory } from '../../queue/echo-memory';
import { writeOutcome, type BatchSender, type RowOutcome } from './outbox-relay';

export interface HubSpotSenderDeps {
  readonly port: HubSpotPort;
  readonly echo: EchoMemory;
}

/** HubSpot takes every property value as a string; an empty string clears the property. */
export function toHubSpotString(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/**
 * Sends HubSpot property writes: every row of one contact in the batch becomes one input (later
 * rows win), and the whole batch one batch-update call of at most 100 inputs.
 */
export function hubspotSender(deps: HubSpotSenderDeps): BatchSender {
  return async (rows) => {
    const outcomes = new Map<string, RowOutcome>();
    const byContact = new Map<
      HubSpotContactId,
      { rows: OutboxRow[]; properties: Record<string, string>; clear: Set<string> }
    >();
    for (const row of rows) {
      const parsed = hubspotUpdateEffectSchema.safeParse(row.payload);
      if (!parsed.success) {
        outcomes.set(row.id, {
          kind: 'dead',
          code: 'JOB_DATA_INVALID',
          message: 'outbox row is not a hubspot.update effect',
        });
        continue;
      }
      const entry = byContact.get(parsed.data.contactId) ?? { rows: [], properties: {}, clear: new Set<string>() };
      entry.rows.push(row);
      for (const name of parsed.data.clearFirst ?? []) entry.clear.add(name);
      for (const [name, value] of Object.entries(parsed.data.properties))
        entry.properties[name] = toHubSpotString(value);
      byContact.set(parsed.data.contactId, entry);
    }
    await clearFirst(deps, byContact, outcomes);
    const updates: HubSpotContactUpdate[] = [...byContact]
      .filter(([, entry]) => entry.rows.every((row) => !outcomes.has(row.id)))
      .map(([id, entry]) => ({ id, properties: entry.properties }));
    if (updates.length > 0) {
      // Remembered before the write: the webhook echoing it can arrive before our call returns.
      await deps.echo.remember(
        'hubspot',
        updates.map((u) => ({ recordId: u.id, fields: u.properties })),
      );
      const results = await deps.port.updateContacts(updates);
      updates.forEach((update, index) => {
        const outcome = writeOutcome(results[index]);
        for (const row of byContact.get(update.id)?.rows ?? []) outcomes.set(row.id, outcome);
      });
    }
    return rows.map((row) => outcomes.get(row.id) ?? { kind: 'retry', code: 'INTERNAL', message: 'row not sent' });
  };
}

/**
 * HubSpot ignores an earlier lifecycle stage unless the property was cleared first: one batch call
 * clears what the rows ask (only when a lead is recycled), before the batch that sets the values.
 * A contact whose clearing failed keeps that failure and is not written.
 */
async function clearFirst(
  deps: HubSpotSenderDeps,
  byContact: ReadonlyMap<HubSpotContactId, { rows: OutboxRow[]; clear: ReadonlySet<string> }>,
  outcomes: Map<string, RowOutcome>,
): Promise<void> {
  const clears: HubSpotContactUpdate[] = [...byContact]
    .filter(([, entry]) => entry.clear.size > 0)
    .map(([id, entry]) => ({ id, properties: Object.fromEntries([...entry.clear].map((name) => [name, ''])) }));
  if (clears.length === 0) return;
  await deps.echo.remember(
    'hubspot',
    clears.map((u) => ({ recordId: u.id, fields: u.properties })),
  );
  const results = await deps.port.updateContacts(clears);
  clears.forEach((clear, index) => {
    const outcome = writeOutcome(results[index]);
    if (outcome.kind === 'done') return;
    for (const row of byContact.get(clear.id)?.rows ?? []) outcomes.set(row.id, outcome);
  });
}
