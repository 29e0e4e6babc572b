import { qualify } from '../../../src/protocol';
import { ruleHolds } from '../../../src/protocol/rules';
import { ruleSchema } from '../../../src/protocol/schema/qualification.schema';
import { exampleProtocol } from './fixtures';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

function holds(
  rule: Record<string, unknown>,
  properties: Record<string, string | null>,
  touches: { kind: string; at: number }[] = [],
): boolean {
  return ruleHolds(ruleSchema.parse({ id: 'r', reason: 'why', points: 1, ...rule }), properties, touches, NOW);
}

describe('rule operators over contact properties', () => {
  it.each<[string, Record<string, unknown>, Record<string, string | null>, boolean]>([
    ['equals (case-insensitive)', { property: 'industry', equals: 'software' }, { industry: 'SOFTWARE' }, true],
    [
      'equals, case-sensitive when asked',
      { property: 'industry', equals: 'software', caseSensitive: true },
      { industry: 'SOFTWARE' },
      false,
    ],
    ['equals a number', { property: 'numberofemployees', equals: 250 }, { numberofemployees: '250' }, true],
    ['equals a boolean', { property: 'hs_email_optout', equals: true }, { hs_email_optout: 'true' }, true],
    ['notEquals', { property: 'lifecyclestage', notEquals: 'customer' }, { lifecyclestage: 'lead' }, true],
    ['in', { property: 'country', in: ['US', 'Canada'] }, { country: 'canada' }, true],
    ['notIn', { property: 'country', notIn: ['US', 'Canada'] }, { country: 'US' }, false],
    [
      'a range (gte and lte together)',
      { property: 'numberofemployees', gte: 50, lte: 5000 },
      { numberofemployees: '5001' },
      false,
    ],
    ['gt on a decimal', { property: 'annualrevenue', gt: 1e6 }, { annualrevenue: '1000000.5' }, true],
    ['lt on text that is no number', { property: 'annualrevenue', lt: 10 }, { annualrevenue: 'n/a' }, false],
    ['matches', { property: 'jobtitle', matches: '\\bvp\\b' }, { jobtitle: 'VP Marketing' }, true],
    ['exists', { property: 'phone', exists: true }, { phone: '' }, false],
    ['exists: false on a missing property', { property: 'phone', exists: false }, {}, true],
    [
      'withinDays on an epoch-ms datetime',
      { property: 'demo_requested_date', withinDays: 14 },
      { demo_requested_date: String(NOW - 13 * DAY) },
      true,
    ],
    [
      'withinDays, too old',
      { property: 'demo_requested_date', withinDays: 14 },
      { demo_requested_date: String(NOW - 15 * DAY) },
      false,
    ],
    [
      'withinDays on a date',
      { property: 'trial_started_date', withinDays: 3 },
      { trial_started_date: '2026-05-30' },
      true,
    ],
    ['any operator on a missing property', { property: 'industry', notEquals: 'x' }, {}, false],
  ])('%s', (_what, rule, properties, expected) => {
    expect(holds(rule, properties)).toBe(expected);
  });

  it('counts touches of the listed kinds within the window', () => {
    const touches = [
      { kind: 'form', at: NOW - 2 * DAY },
      { kind: 'webinar', at: NOW - 5 * DAY },
      { kind: 'form', at: NOW - 40 * DAY },
    ];
    expect(holds({ touches: { atLeast: 2, withinDays: 30 } }, {}, touches)).toBe(true);
    expect(holds({ touches: { atLeast: 2, withinDays: 30, kinds: ['form'] } }, {}, touches)).toBe(false);
    expect(holds({ touches: { atLeast: 3, withinDays: 45 } }, {}, touches)).toBe(true);
  });
});

describe('qualify', () => {
  const { qualification } = exampleProtocol();

  it('scores fit and readiness apart, each with its reasons, and qualifies only when both pass', () => {
    const properties = {
      industry: 'INTERNET',
      numberofemployees: '120',
      jobtitle: 'Head of Growth',
      email: 'sam@shop.example',
      demo_requested_date: String(NOW - DAY),
    };
    const result = qualify(properties, [], qualification, NOW);
    expect(result.fit).toEqual({
      score: 75,
      threshold: 50,
      passed: true,
      hits: [
        {
          rule: 'icp-industry',
          points: 25,
          reason: 'Industry in our ICP (software, internet, IT services, fintech, retail)',
        },
        { rule: 'icp-size', points: 20, reason: '50 to 5,000 employees, our core segment' },
        { rule: 'senior-title', points: 20, reason: 'Senior title, likely on the buying committee' },
        { rule: 'product-role', points: 10, reason: 'Works in product, data or growth' },
      ],
    });
    expect(result.readiness).toEqual(expect.objectContaining({ score: 40, passed: true }));
    expect(result.qualified).toBe(true);
    expect(qualify({ ...properties, demo_requested_date: null }, [], qualification, NOW).qualified).toBe(false);
  });

  it('subtracts what disqualifies', () => {
    const result = qualify(
      { industry: 'INTERNET', numberofemployees: '120', jobtitle: 'CTO', email: 'sam@gmail.com', company: 'Mixpanel' },
      [],
      qualification,
      NOW,
    );
    expect(result.fit.hits.map((hit) => hit.points)).toEqual([25, 20, 20, -25, -100]);
    expect(result.fit).toEqual(expect.objectContaining({ score: -60, passed: false }));
  });
});
