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
  generatedToken: 'tok-0123456789abcdef',
  keepsServing: false,
  keptDataDir: null,
  droppedWebhookEvents: 0,
  speed: 7_200,
};

describe('the end of the demo', () => {
  it('prints the scorecard, the meaning of every number, the check against the CRMs, and the way to the page', () => {
    const text = closingText({ scorecard, crm, steady: true }, closing);
    expect(text).toContain('LEAD PROTOCOL SCORECARD');
    for (const entry of scorecard.glossary) expect(text).toContain(`  ${entry.label}: ${entry.definition}`);
    expect(text).toMatch(/^ {2}Handed off to Sales\s+\d+\s+\d+\s+agree$/m);
    expect(text).not.toContain('DIFFER');
    expect(text).toContain('Scorecard page: http://127.0.0.1:4000/scorecard');
    expect(text.split('tok-0123456789abcdef')).toHaveLength(2);
    expect(text).toContain('The demo has stopped and the page with it.');
  });

  it('never prints a token it did not make, and says how to see the scorecard again from a kept DATA_DIR', () => {
    const text = closingText(
      { scorecard, crm, steady: true },
      { ...closing, generatedToken: null, keptDataDir: '/srv/demo' },
    );
    expect(text).toContain('Sign in with your ADMIN_TOKEN.');
    expect(text).toContain('`DATA_DIR=/srv/demo leadpact report` prints this scorecard again.');
  });

  it('marks a count that differs, and warns when HubSpot gave up on webhooks, with a speed that leaves more time', () => {
    const text = closingText(
      { scorecard, crm: { ...crm, won: crm.won + 1 }, steady: false },
      { ...closing, droppedWebhookEvents: 12 },
    );
    expect(text).toMatch(/^ {2}Won\s+\d+\s+\d+\s+DIFFER$/m);
    expect(text).toContain('they were still moving');
    expect(text).toContain('WARNING: HubSpot gave up on 12 webhook events after its retries');
    expect(text).toContain(
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
    expect(summary.checks).toHaveLength(8);
    expect(summary.scorecard.handedOff).toBe(crm.handedOff);
  });
});
