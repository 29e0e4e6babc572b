import { renderRuleFeedback } from '../../../src/metrics/render-rule-feedback';
import { proposeChanges, proposeThresholds, ruleFeedback, type FeedbackLead } from '../../../src/metrics/rule-feedback';

/** `n` marketing-qualified leads the given rules fired on, `accepted` of them accepted, `won` of those won. */
function leads(n: number, rules: string[], accepted: number, won = 0, campaign: string | null = null): FeedbackLead[] {
  return Array.from({ length: n }, (_, i) => ({
    rules,
    campaign,
    source: 'webinar',
    handedOff: true,
    accepted: i < accepted,
    won: i < won,
  }));
}

const ledger = [
  ...leads(20, ['fit senior-title', 'fit icp-size'], 18, 5, 'Spring'),
  ...leads(30, ['fit icp-size', 'fit personal-email'], 9, 0, 'Autumn'),
  ...leads(4, ['fit enterprise-size'], 1),
];
const RULES = ['fit senior-title', 'fit icp-size', 'fit personal-email', 'fit enterprise-size', 'fit unused'];

describe('rule feedback', () => {
  const feedback = ruleFeedback(ledger, RULES);

  it('gives the acceptance, wastage and win rates of the leads each rule fired on against the others', () => {
    const senior = feedback.rules[0];
    expect(senior?.fired).toEqual({ leads: 20, handedOff: 20, acceptance: 0.9, wastage: 0.1, win: 0.25 });
    expect(senior?.others).toEqual({ leads: 34, handedOff: 34, acceptance: 10 / 34, wastage: 24 / 34, win: 0 });
    expect(senior?.gap).toBeCloseTo(0.9 - 10 / 34, 9);
    expect(senior?.note).toBeNull();
  });

  it('says so when a side has too few leads to compare, and compares nothing then', () => {
    const enterprise = feedback.rules.find((r) => r.key === 'fit enterprise-size');
    expect(enterprise).toMatchObject({
      gap: null,
      note: 'too few leads: 4 handed off with it (10 needed)',
    });
    expect(feedback.rules.find((r) => r.key === 'fit unused')).toMatchObject({
      fired: { leads: 0, acceptance: null },
      note: 'too few leads: 0 handed off with it (10 needed)',
    });
  });

  it('does the same for each campaign and source, leads without one under (none)', () => {
    expect(feedback.campaigns.map((c) => [c.key, c.fired.leads, c.fired.acceptance])).toEqual([
      ['(none)', 4, 0.25],
      ['Autumn', 30, 0.3],
      ['Spring', 20, 0.9],
    ]);
    expect(feedback.sources).toHaveLength(1);
    expect(feedback.sources[0]?.note).toBe('too few leads: 0 without (10 needed)');
  });

  it('proposes fewer points for a rule whose leads Sales turns down, more for one it takes, largest gap first', () => {
    const points: Record<string, number> = { 'fit senior-title': 20, 'fit icp-size': 20, 'fit personal-email': 10 };
    const proposals = proposeChanges(feedback, (rule) => points[rule]);
    expect(proposals.map((p) => [p.rule, p.from, p.to])).toEqual([
      ['fit senior-title', 20, 30],
      ['fit personal-email', 10, 5],
    ]);
    expect(proposals[0]?.why).toBe('Sales accepted 90 % of the 20 leads it fired on, 29 % of the 34 others');
  });
});

describe('rule feedback in words', () => {
  it('prints each rule against the others, the notes, and each proposal with its replay', () => {
    const feedback = ruleFeedback(ledger, RULES);
    const text = renderRuleFeedback(feedback, { period: 'the last 90 days', version: '2026.1' }, [
      {
        kind: 'points',
        rule: 'fit senior-title',
        from: 20,
        to: 30,
        why: 'Sales accepted 90 %',
        replay: 'qualified: 40 -> 45',
      },
    ]);
    expect(text).toMatch(/^RULE FEEDBACK: the last 90 days, protocol 2026\.1\n54 marketing-qualified leads\./);
    expect(text).toMatch(/fit senior-title\s+20\s+90 %\s+10 %\s+25 %\s+34\s+29 %\s+71 %\s+0 %\s+\+61 pts/);
    expect(text).toContain('  fit enterprise-size: too few leads: 4 handed off with it (10 needed)');
    expect(text).toContain('  fit senior-title: 20 → 30 points.\n  Sales accepted 90 %.\n  qualified: 40 -> 45');
  });
});

describe('threshold proposals', () => {
  /** Handed-off leads with these fit scores, the first `accepted` of them accepted. */
  const scored = (scores: number[], accepted: number): FeedbackLead[] =>
    scores.map((fit, i) => ({
      rules: [],
      campaign: null,
      source: null,
      handedOff: true,
      accepted: i < accepted,
      won: false,
      scores: { fit, readiness: 40 },
    }));

  it('raises the threshold above the lowest-scoring third when Sales rarely takes those leads', () => {
    const leads = [
      ...scored([50, 51, 52, 53, 54, 50, 51, 52, 53, 54], 2),
      ...scored(Array(20).fill(70) as number[], 16),
    ];
    const proposals = proposeThresholds(leads, { fit: 50, readiness: 40 });
    expect(proposals).toEqual([
      {
        kind: 'threshold',
        rule: 'fit',
        from: 50,
        to: 70,
        why: 'Sales accepted 20 % of the 10 leads scoring under 70 on fit, 80 % of the 20 others',
      },
    ]);
  });

  it('proposes nothing when the low scorers are accepted as often, or are too few', () => {
    const even = [...scored(Array(10).fill(52) as number[], 8), ...scored(Array(20).fill(70) as number[], 16)];
    expect(proposeThresholds(even, { fit: 50, readiness: 40 })).toEqual([]);
    const few = [...scored([52, 52, 52], 0), ...scored(Array(6).fill(70) as number[], 6)];
    expect(proposeThresholds(few, { fit: 50, readiness: 40 })).toEqual([]);
  });
});
