import { Agenda, type Act } from '../../../src/demo/agenda';
import type { MarketContact } from '../../../src/demo/market';
import type { SalesPlan } from '../../../src/demo/market-plans';
import { arrivalActs, handoffActs, reassignmentActs, type Calendars } from '../../../src/demo/schedule';
import { exampleProtocol } from './demo-fixture';

const protocol = exampleProtocol();
const calendar = (name: string) => {
  const found = protocol.calendars[name];
  if (found === undefined) throw new Error(name);
  return found;
};
const EMEA: Calendars = { sales: calendar('emea'), marketing: calendar('americas') };
// Monday 2 March 2026, 10:00 in London (GMT).
const MONDAY_10 = Date.parse('2026-03-02T10:00:00Z');
// Friday 6 March 2026, 15:30 in London: half an hour before EMEA's early Friday finish.
const FRIDAY_1530 = Date.parse('2026-03-06T15:30:00Z');

function contact(plan: SalesPlan, extra: Partial<MarketContact> = {}): MarketContact {
  return {
    key: 'c1',
    persona: 'hot',
    campaign: 'partner-referrals',
    arrivesAt: MONDAY_10,
    properties: { company: 'Northwind Labs', jobtitle: 'Head of Data' },
    touches: [
      { afterMinutes: 1, kind: 'form' },
      { afterMinutes: 90, kind: 'demo_request' },
    ],
    plan,
    role: null,
    original: null,
    marketerEditAfter: null,
    ...extra,
  };
}

const at = (iso: string) => Date.parse(iso);
const kinds = (acts: readonly { act: Act }[]) => acts.map(({ act }) => act.kind);

describe('when the people of the market act', () => {
  it('arrive, then touch at their planned minutes', () => {
    expect(arrivalActs(contact({ kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: null }))).toEqual([
      { at: MONDAY_10, act: { kind: 'arrive', key: 'c1' } },
      { at: MONDAY_10 + 60_000, act: { kind: 'touch', key: 'c1', touch: 'form' } },
      { at: MONDAY_10 + 90 * 60_000, act: { kind: 'touch', key: 'c1', touch: 'demo_request' } },
    ]);
  });

  it('Sales accepts, calls, converts and closes, each step in business minutes of the territory', () => {
    const plan: SalesPlan = {
      kind: 'accept',
      acceptAfter: 60,
      touchAfter: 30,
      correctedTitle: null,
      deal: { convertAfter: 120, amount: 30_000, outcome: 'won', closeAfter: 240 },
    };
    expect(handoffActs(contact(plan), MONDAY_10, EMEA)).toEqual([
      { at: at('2026-03-02T11:00:00Z'), act: { kind: 'accept', key: 'c1' } },
      { at: at('2026-03-02T11:30:00Z'), act: { kind: 'first_touch', key: 'c1' } },
      { at: at('2026-03-02T13:30:00Z'), act: { kind: 'convert', key: 'c1' } },
      { at: at('2026-03-02T17:30:00Z'), act: { kind: 'close', key: 'c1', won: true } },
    ]);
  });

  it('a lead handed off on Friday afternoon waits for Monday morning', () => {
    const plan: SalesPlan = { kind: 'accept', acceptAfter: 90, touchAfter: 30, correctedTitle: null, deal: null };
    const [accept, touch] = handoffActs(contact(plan), FRIDAY_1530, EMEA);
    // 30 minutes on Friday (EMEA closes at 16:00 on Fridays), the other 60 on Monday from 09:00.
    expect(accept?.at).toBe(at('2026-03-09T10:00:00Z'));
    expect(touch?.at).toBe(at('2026-03-09T10:30:00Z'));
  });

  it('a deal left open is converted and never closed', () => {
    const plan: SalesPlan = {
      kind: 'accept',
      acceptAfter: 10,
      touchAfter: 10,
      correctedTitle: null,
      deal: { convertAfter: 10, amount: 9_000, outcome: 'open', closeAfter: 10 },
    };
    expect(kinds(handoffActs(contact(plan), MONDAY_10, EMEA))).toEqual(['accept', 'first_touch', 'convert']);
  });

  it('the rep who corrects the title on the call is overwritten by a marketer later, in calendar minutes', () => {
    const plan: SalesPlan = {
      kind: 'accept',
      acceptAfter: 60,
      touchAfter: 30,
      correctedTitle: 'VP Product Analytics',
      deal: null,
    };
    const acts = handoffActs(contact(plan, { marketerEditAfter: 600 }), MONDAY_10, EMEA);
    expect(acts.at(-1)).toEqual({
      at: at('2026-03-02T11:30:00Z') + 600 * 60_000,
      act: { kind: 'marketer_edit', key: 'c1' },
    });
  });

  it('a rejection without a code, with the code supplied later', () => {
    const plan: SalesPlan = {
      kind: 'reject',
      rejectAfter: 30,
      code: null,
      codeLater: { after: 120, code: 'NOT_READY' },
    };
    expect(handoffActs(contact(plan), MONDAY_10, EMEA)).toEqual([
      { at: at('2026-03-02T10:30:00Z'), act: { kind: 'reject', key: 'c1', code: null } },
      { at: at('2026-03-02T12:30:00Z'), act: { kind: 'add_code', key: 'c1', code: 'NOT_READY' } },
    ]);
  });

  it('Marketing merges a duplicate two of its own working hours after Sales said so', () => {
    const plan: SalesPlan = { kind: 'reject', rejectAfter: 30, code: 'DUPLICATE', codeLater: null };
    const acts = handoffActs(contact(plan, { key: 'c1-dup', original: 'c1' }), MONDAY_10, EMEA);
    // Rejected at 10:30 London; Marketing works 08:00-17:00 in New York (13:00-22:00 UTC in March).
    expect(acts).toEqual([
      { at: at('2026-03-02T10:30:00Z'), act: { kind: 'reject', key: 'c1-dup', code: 'DUPLICATE' } },
      { at: at('2026-03-02T15:00:00Z'), act: { kind: 'merge', key: 'c1-dup' } },
    ]);
  });

  it('an ignored lead is worked only if the plan says so: late by its owner, or by the rep it is reassigned to', () => {
    const never: SalesPlan = { kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: null };
    expect(handoffActs(contact(never), MONDAY_10, EMEA)).toEqual([]);
    expect(reassignmentActs(contact(never), MONDAY_10, EMEA)).toEqual([]);
    const late: SalesPlan = { kind: 'ignore', lateAcceptAfter: 300, newOwnerAcceptsAfter: null };
    expect(handoffActs(contact(late), MONDAY_10, EMEA)[0]).toEqual({
      at: at('2026-03-02T15:00:00Z'),
      act: { kind: 'accept', key: 'c1' },
    });
    const reassigned: SalesPlan = { kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: 45 };
    expect(handoffActs(contact(reassigned), MONDAY_10, EMEA)).toEqual([]);
    expect(reassignmentActs(contact(reassigned), MONDAY_10, EMEA)[0]).toEqual({
      at: at('2026-03-02T10:45:00Z'),
      act: { kind: 'accept', key: 'c1' },
    });
  });
});

describe('the agenda', () => {
  it('hands out what is due, earliest first, equal instants in the order they were planned', () => {
    const agenda = new Agenda();
    agenda.add([
      { at: 30, act: { kind: 'accept', key: 'b' } },
      { at: 10, act: { kind: 'arrive', key: 'a' } },
    ]);
    agenda.add([
      { at: 30, act: { kind: 'accept', key: 'c' } },
      { at: 50, act: { kind: 'merge', key: 'd' } },
    ]);
    expect(agenda.takeDue(5)).toEqual([]);
    expect(agenda.takeDue(30).map(({ act }) => act.key)).toEqual(['a', 'b', 'c']);
    expect(agenda.size).toBe(1);
    expect(agenda.takeDue(100).map(({ act }) => act.key)).toEqual(['d']);
  });
});
