import { summarize, type ScoreResult } from '../../../src/protocol';

const DAY = 86_400_000;
const at = Date.parse('2026-06-01T14:00:00Z');

function score(score: number, threshold: number, reasons: string[]): ScoreResult {
  return {
    score,
    threshold,
    passed: score >= threshold,
    hits: reasons.map((reason, index) => ({ rule: `r${index}`, points: 10, reason })),
  };
}

const input = {
  protocolVersion: '2026.1',
  qualifiedAt: at,
  fit: score(60, 50, ['Industry in our ICP', '50 to 5,000 employees', 'Senior title']),
  readiness: score(40, 40, ['Asked for a demo in the last 14 days']),
  source: 'ORGANIC_SEARCH',
  campaign: 'q2-webinar',
  touches: [
    { kind: 'form', at: at - 3 * DAY },
    { kind: 'email_click', at: at - DAY },
    { kind: 'webinar', at: at - 10 * DAY },
  ],
};

describe('the qualification summary (Qualification_Summary__c)', () => {
  it('says why, where from and what happened lately, in stable wording', () => {
    expect(summarize(input, { maxLength: 1000, recentTouches: 2 })).toBe(
      [
        'Marketing-qualified on 2026-06-01 under protocol 2026.1.',
        'Fit 60 (needs 50, passed): +10 Industry in our ICP; +10 50 to 5,000 employees; +10 Senior title.',
        'Readiness 40 (needs 40, passed): +10 Asked for a demo in the last 14 days.',
        'Source: ORGANIC_SEARCH. Campaign: q2-webinar.',
        'Recent touches: 2026-05-31 email_click, 2026-05-29 form.',
      ].join('\n'),
    );
  });

  it('drops touches first, then reasons (counted), to stay within its bound', () => {
    const full = summarize(input, { maxLength: 1000, recentTouches: 5 });
    expect(summarize(input, { maxLength: full.length - 1, recentTouches: 5 })).toContain(
      'Recent touches: 2026-05-31 email_click, 2026-05-29 form.',
    );
    const noTouches = summarize(input, { maxLength: 1000, recentTouches: 0 });
    expect(summarize(input, { maxLength: noTouches.length, recentTouches: 5 })).toBe(noTouches);
    const fewerReasons = summarize(input, { maxLength: noTouches.length - 1, recentTouches: 5 });
    expect(fewerReasons).toContain('+10 50 to 5,000 employees; (+1 more).');
    expect(fewerReasons.length).toBeLessThan(noTouches.length);
  });

  it('never exceeds the bound, whatever the reasons', () => {
    const long = {
      ...input,
      fit: score(
        500,
        50,
        Array.from({ length: 50 }, (_, index) => `A long reason number ${index} `.repeat(8)),
      ),
    };
    for (const maxLength of [200, 500, 1000]) {
      const text = summarize(long, { maxLength, recentTouches: 5 });
      expect(text.length).toBeLessThanOrEqual(maxLength);
    }
  });
});
