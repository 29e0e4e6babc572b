import { parseLead, remember } from '../../../src/app/apply-events/parsed-leads';
import type { Lead } from '../../../src/protocol';
import type { LeadRecord, Queryable } from '../../../src/store';
import { CONTACT, LEAD, ny, qualifiedProperties, run } from '../protocol/engine-harness';

const at = ny('2026-06-01T10:00');
const { lead } = run(null, [
  {
    type: 'hubspot.contact.created',
    id: 'evt-1',
    at,
    leadId: LEAD,
    contactId: CONTACT,
    properties: qualifiedProperties(at),
  },
]);

/** A ledger row as the store loads it: the state went through JSON on its way to Postgres and back. */
function row(version: number, state: unknown = JSON.parse(JSON.stringify(lead))): LeadRecord {
  return { id: lead.id, version, state } as unknown as LeadRecord;
}

describe('leads loaded from the ledger', () => {
  it('are used as loaded at the version this process saved or validated, not validated again', () => {
    const db = {} as Queryable;
    remember(db, lead.id, 3);
    const state = JSON.parse(JSON.stringify(lead)) as unknown;
    expect(parseLead(db, row(3, state))).toBe(state);
  });

  it('validated once are not validated again at the same version', () => {
    const db = {} as Queryable;
    const first = parseLead(db, row(7));
    const again = row(7);
    expect(first).toEqual(again.state);
    expect(parseLead(db, again)).toBe(again.state);
  });

  it('are validated by the lead schema when saved at another version (another writer saved since)', () => {
    const db = {} as Queryable;
    remember(db, lead.id, 3);
    const loaded: Lead = parseLead(db, row(4));
    expect(loaded).not.toBe(lead);
    expect(loaded).toEqual(expect.objectContaining({ id: lead.id, stage: lead.stage, revision: lead.revision }));
    expect(() => parseLead(db, row(5, { not: 'a lead' }))).toThrow(/does not match the lead schema/);
  });

  it('are remembered per ledger: another database parses its own', () => {
    const one = {} as Queryable;
    const other = {} as Queryable;
    remember(one, lead.id, 3);
    expect(() => parseLead(other, row(3, { not: 'a lead' }))).toThrow(/does not match the lead schema/);
  });
});
