import type { CrmCounts } from '../../../src/demo/agreement';
import { closingText, summaryOf, type Closing } from '../../../src/demo/demo-report';
import { sampleScorecard } from '../metrics/sample-scorecard';

const scorecard = sampleScorecard();
const overall = scorecard.overall;
/** The CRMs holding exactly what the sample scorecard says. */
const crm: CrmCounts = {
  contacts: 500,
  handedOff: overall.handed_off.value ?? 0,
  accepted: overall.accepted.value ?? 0,
  rejected: overall.rejected.value ?? 0,
  rejectedByCode: Object.fromEntries(scorecard.rejections.map((r) => [r.code, r.count])),
  slaBreached: (overall.sla_compliance.denominator ?? 0) - (overall.sla_compliance.numerator ?? 0),
  won: overall.won.value ?? 0,
  wonAmount: overall.mql_revenue.value ?? 0,
  lost: 2,
  wonInHubSpot: overall.won.value ?? 0,
};
const closing: Closing = {
  scorecardUrl: 'http://127.0.0.1:4000/scorecard',
  keepsServing: false,
  keptDataDir: null,
  droppedWebhookEvents: 0,
  speed: 7_200,
};

describe('the end of the demo', () => {
  it('prints the scorecard, the meaning of every number and the check against the CRMs, within 100 columns', () => {
    const text = closingText({ scorecard, crm, steady: true }, closing);
    expect(text).toContain('LEAD PROTOCOL SCORECARD');
    const flat = text.replace(/\n {4}/g, ' ');
    for (const entry of scorecard.glossary) expect(flat).toContain(`  ${entry.label}: ${entry.definition}`);
    expect(text).toMatch(/^ {2}Handed off to Sales\s+\d+\s+\d+\s+agree$/m);
    for (const rejection of scorecard.rejections)
      expect(text).toMatch(
        new RegExp(`^ {4}rejected ${rejection.code.replace(/[()]/g, '\\$&')}\\s+\\d+\\s+\\d+\\s+agree$`, 'm'),
      );
    expect(text).not.toContain('DIFFER');
    expect(text.split('\n').filter((line) => line.length > 100)).toEqual([]);
    expect(text).toContain('The demo has stopped, and its page with it.');
    expect(text).not.toContain('leadpact report');
  });

  it('prints the rule feedback of the run after the scorecard and its check against the CRMs', () => {
    const text = closingText({ scorecard, crm, steady: true }, { ...closing, ruleFeedback: 'RULE FEEDBACK: the run' });
    expect(text.indexOf('RULE FEEDBACK: the run')).toBeGreaterThan(text.indexOf('THE SCORECARD AGAINST THE CRMs'));
    expect(text.indexOf('RULE FEEDBACK: the run')).toBeLessThan(text.indexOf('The demo has stopped'));
  });

  it('says how to print the scorecard again from a kept DATA_DIR, its span stated explicitly', () => {
    const spec = '2026-03-01T00:00:00.000Z/2026-03-07T10:00:00.123Z';
    const text = closingText(
      { scorecard: { ...scorecard, period: { ...scorecard.period, spec } }, crm, steady: true },
      { ...closing, keptDataDir: '/srv/demo data', keepsServing: true },
    );
    expect(text).toContain(
      "  DATA_DIR='/srv/demo data' leadpact report \\\n    --from 2026-03-01T00:00:00.000Z --to 2026-03-07T10:00:00.123Z\n",
    );
    expect(text).toContain(
      'until you press Ctrl-C again (the same admin token signs in):\n  http://127.0.0.1:4000/scorecard',
    );
  });

  it('marks a count that differs, and warns when HubSpot gave up on webhooks, with a speed that leaves more time', () => {
    const text = closingText(
      { scorecard, crm: { ...crm, won: crm.won + 1 }, steady: false },
      { ...closing, droppedWebhookEvents: 12 },
    );
    expect(text).toMatch(/^ {2}Won\s+\d+\s+\d+\s+DIFFER$/m);
    expect(text).toContain('they were still moving');
    expect(text).toContain('WARNING: HubSpot gave up on 12 webhook events after its retries');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'At --speed 7200 this machine could not keep up; run again with a lower --speed (for example 3600).',
    );
    expect(text).toContain('(for example 3600)');
  });

  it('sums the run up for scripts: agreement, both sets of counts, each check', () => {
    const summary = summaryOf(
      { scorecard, crm, steady: true },
      {
        seed: 1,
        speed: 7_200,
        simulatedFrom: '2026-03-02T09:00:00.000Z',
        simulatedTo: '2026-03-07T09:00:00.000Z',
        stoppedBy: 'duration',
        failedActs: 0,
        droppedWebhookEvents: 0,
        urls: { salesforce: 'http://sf', hubspot: 'http://hs', scorecard: closing.scorecardUrl },
      },
    );
    expect(summary.agree).toBe(true);
    expect(summary.checks).toHaveLength(7 + scorecard.rejections.length);
    expect(summary.scorecard.handedOff).toBe(crm.handedOff);
  });
});
