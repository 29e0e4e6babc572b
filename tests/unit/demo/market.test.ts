import { qualify, type Touch } from '../../../src/protocol';
import { DEMO_START } from '../../../src/demo/demo-options';
import { Market, type MarketContact } from '../../../src/demo/market';
import { touchWrite, type TouchKind } from '../../../src/demo/market-plans';
import { exampleProtocol } from './demo-fixture';

const WEEK = 7 * 86_400_000;
const protocol = exampleProtocol();

function week(seed: number): MarketContact[] {
  return new Market(seed, DEMO_START).arrivalsUntil(DEMO_START + WEEK);
}

const TOUCH_OF: Partial<Record<TouchKind, string>> = {
  form: 'form',
  webinar: 'webinar',
  demo_request: 'demo_request',
  trial: 'trial',
};

/** The contact as HubSpot holds it after all its touches, judged by the example protocol at the last one. */
function judged(contact: MarketContact) {
  const properties: Record<string, string> = { ...contact.properties };
  const touches: Touch[] = [];
  let at = contact.arrivesAt;
  for (const touch of contact.touches) {
    at = contact.arrivesAt + touch.afterMinutes * 60_000;
    const write = touchWrite(touch.kind, at, contact.campaign);
    Object.assign(properties, write.properties ?? {});
    if (write.activity?.formSubmission !== undefined) properties.recent_conversion_date = String(at);
    const kind = TOUCH_OF[touch.kind];
    if (kind !== undefined) touches.push({ kind, at });
  }
  return qualify(properties, touches, protocol.qualification, at);
}

describe('the synthetic market', () => {
  it('tells the same story for the same seed, and another for another seed', () => {
    expect(week(7)).toEqual(week(7));
    expect(week(8).map((c) => c.properties.email)).not.toEqual(week(7).map((c) => c.properties.email));
  });

  it('brings people in over the whole week, in order, about three an hour', () => {
    const contacts = week(1);
    const arrivals = contacts.map((c) => c.arrivesAt);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    expect(contacts.length).toBeGreaterThan(7 * 24 * 2);
    expect(contacts.length).toBeLessThan(7 * 24 * 5);
    expect(Math.max(...arrivals)).toBeGreaterThan(DEMO_START + WEEK - 86_400_000);
    expect(new Set(contacts.map((c) => c.properties.email)).size).toBe(contacts.length);
  });

  it("qualifies the ready buyers and the warmed-up, and nobody else, by the example protocol's own rules", () => {
    for (const contact of week(1)) {
      const result = judged(contact);
      const shouldQualify =
        contact.persona === 'hot' || contact.persona === 'warming' || contact.persona === 'opted_out';
      expect({ key: contact.key, persona: contact.persona, qualified: result.qualified }).toEqual({
        key: contact.key,
        persona: contact.persona,
        qualified: shouldQualify,
      });
    }
  });

  it('is mostly people who never qualify, as the research finds', () => {
    for (const seed of [1, 2, 3]) {
      const contacts = week(seed);
      const qualifying =
        contacts.filter((c) => c.persona === 'hot' || c.persona === 'warming').length / contacts.length;
      expect(qualifying).toBeGreaterThan(0.15);
      expect(qualifying).toBeLessThan(0.45);
    }
  });

  it("gives opted-out people the opt-out flag and competitors a competitor's name", () => {
    const contacts = week(1);
    for (const c of contacts.filter((x) => x.persona === 'opted_out')) expect(c.properties.do_not_contact).toBe('true');
    for (const c of contacts.filter((x) => x.persona === 'competitor'))
      expect(c.properties.company).toMatch(/amplitude|mixpanel|heap/i);
  });

  it('casts the scripted moments among the first ready buyers, the SLA stories outside the 8-hour enterprise territory', () => {
    const hot = week(1).filter((c) => c.persona === 'hot');
    expect(hot.slice(0, 15).map((c) => c.role)).toEqual(
      expect.arrayContaining([
        'quick_win',
        'duplicated',
        'ladder',
        'no_code_then_fixed',
        'title_collision',
        'late_accept',
        'reassigned_accept',
        'lost_deal',
        'no_code',
      ]),
    );
    for (const c of hot.filter(
      (x) => x.role === 'ladder' || x.role === 'late_accept' || x.role === 'reassigned_accept',
    ))
      expect(c.properties.company_segment).not.toBe('enterprise');
    const noCode = hot.find((c) => c.role === 'no_code');
    expect(noCode?.plan).toMatchObject({ kind: 'reject', code: null, codeLater: null });
  });

  it('makes the duplicate the same person at the same company under another address, rejected as DUPLICATE', () => {
    const market = new Market(1, DEMO_START);
    const original = market.arrivalsUntil(DEMO_START + WEEK).find((c) => c.role === 'duplicated');
    if (original === undefined) throw new Error('no duplicated contact in the week');
    const duplicate = market.duplicateOf(original, original.arrivesAt + 3_600_000);
    expect(duplicate).toMatchObject({
      key: `${original.key}-dup`,
      original: original.key,
      role: 'duplicate',
      plan: { kind: 'reject', code: 'DUPLICATE' },
    });
    expect(duplicate.properties.email).not.toBe(original.properties.email);
    expect(duplicate.properties.email?.split('@')[1]).toBe(original.properties.email?.split('@')[1]);
    expect({ ...duplicate.properties, email: '' }).toEqual({ ...original.properties, email: '' });
    expect(duplicate.arrivesAt).toBeGreaterThan(original.arrivesAt + 3_600_000);
  });
});
