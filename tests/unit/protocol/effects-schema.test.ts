import { outboxRows } from '../../../src/app/apply-events/apply-events';
import { crmWriteEffectSchema, effectSchema, type Effect } from '../../../src/protocol';
import { handedOffLead } from './engine-harness';

/** What the outbox does to a payload: JSON in a jsonb column, JSON back out. */
function throughTheOutbox(effects: readonly Effect[]): unknown[] {
  return outboxRows(effects).map((row) => JSON.parse(JSON.stringify(row.payload)) as unknown);
}

describe('effects: one zod schema for the engine and the outbox', () => {
  it('every effect of a hand-off is valid under the effect schema', () => {
    const { decisions } = handedOffLead();
    const effects = decisions.flatMap((decision) => decision.effects);
    expect(effects.some((effect) => effect.type === 'salesforce.handoff')).toBe(true);
    for (const effect of effects) expect(effectSchema.parse(effect)).toEqual(effect);
  });

  it('a hand-off and its feedback come out of the outbox as the effects the engine made', () => {
    const writes = handedOffLead()
      .decisions.flatMap((decision) => decision.effects)
      .filter((effect) => crmWriteEffectSchema.safeParse(effect).success);
    expect(writes.map((effect) => effect.type)).toEqual(
      expect.arrayContaining(['salesforce.handoff', 'hubspot.update']),
    );
    const stored = throughTheOutbox(writes);
    expect(stored).toHaveLength(writes.length);
    expect(stored.map((payload) => crmWriteEffectSchema.parse(payload))).toEqual(writes);
  });

  it('refuses a stored write whose shape is not an effect', () => {
    const [handoff] = throughTheOutbox(handedOffLead().decisions.flatMap((decision) => decision.effects));
    expect(crmWriteEffectSchema.safeParse({ ...(handoff as object), routing: null }).success).toBe(false);
    expect(crmWriteEffectSchema.safeParse({ type: 'timer.schedule' }).success).toBe(false);
  });
});
