import type { AggregateSet } from '../../../src/metrics/aggregate-set';
import type { Aggregate } from '../../../src/metrics/catalogue';
import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { renderScorecard } from '../../../src/metrics/render-scorecard';
import { targetRows, targetsSummary } from '../../../src/metrics/targets';
import { campaignMetricsRecords, campaignTargetsOf, campaignUpdates } from '../../../src/metrics/writeback-mapping';
import { DEFAULT_CAMPAIGN_FIELDS } from '../../../src/metrics/writeback-spec';
import { targetsSchema, type Targets } from '../../../src/protocol/schema/targets.schema';
import { sampleScorecard } from './sample-scorecard';

/** The targets issue 19 gives as an example. */
const AGREED: Targets = targetsSchema.parse({
  acceptance_rate: { atLeast: 0.7 },
  sla_compliance: { atLeast: 0.9 },
  wastage_rate: { atMost: 0.2 },
  time_to_accept_median: { atMost: 240 },
  feedback_coverage: { atLeast: 0.95 },
});

/** The sample March (acceptance 70 %, SLA 75 % down from 90 %, wastage 47.5 %, median 95 min) with those targets. */
function withTargets() {
  const data = sampleScorecard();
  return sampleScorecard({
    targets: targetRows(
      AGREED,
      (metric) => data.overall[metric].value,
      (metric) => data.previous[metric].value,
    ),
  });
}

describe('targets beside their figures', () => {
  it('says for each target whether the period met it, and which way the figure moved', () => {
    const rows = withTargets().targets;
    expect(rows.map((r) => [r.metric, r.targetText, r.on, r.trend.direction])).toEqual([
      ['acceptance_rate', '≥ 70.0 %', true, 'better'],
      ['wastage_rate', '≤ 20.0 %', false, 'better'],
      ['sla_compliance', '≥ 90.0 %', false, 'worse'],
      ['feedback_coverage', '≥ 95.0 %', false, 'better'],
      ['time_to_accept_median', '≤ 4.0 h', true, 'same'],
    ]);
  });

  it('prints them in `leadpact report --format text`', () => {
    const text = renderScorecard(withTargets(), 'text');
    expect(text).toContain('TARGETS (agreed in the protocol)');
    expect(text).toContain('  SLA compliance 75.0 %, target ≥ 90.0 %: off target, worse (−15.0 pts)');
    expect(text).toContain('  Acceptance rate 70.0 %, target ≥ 70.0 %: on target, better (+20.0 pts)');
  });

  it('gives them in the JSON, and says so when none are agreed', () => {
    const json = JSON.parse(renderScorecard(withTargets(), 'json')) as ReturnType<typeof withTargets>;
    expect(json.targets[2]).toMatchObject({
      metric: 'sla_compliance',
      on: false,
      target: { atLeast: 0.9 },
    });
    expect(renderScorecard(sampleScorecard(), 'text')).toContain('No targets agreed yet');
  });

  it('draws a table of them on the scorecard page, each row on or off', () => {
    const html = renderScorecard(withTargets(), 'html');
    expect(html).toContain('<section class="card wide" id="targets"><h2>Targets</h2>');
    expect(html).toContain('<p class="lede">2 of 5 on target.</p>');
    expect(html).toMatch(/<tr data-target="sla_compliance" data-on="false">.*?off target.*?worse \(−15\.0 pts\)/);
  });

  it('opens the pack with them and puts each figure off target on the agenda, the worsening first', () => {
    const pack = renderAlignmentPack(withTargets(), sampleScorecard(), 'markdown');
    expect(pack).toContain('## Targets\n\n2 of 5 agreed targets met.');
    expect(pack).toContain('| SLA compliance | 75.0 % | ≥ 90.0 % | no | worse (−15.0 pts) |');
    const agenda = pack.slice(pack.indexOf('## To discuss'));
    expect(agenda).toContain(
      '- SLA compliance is 75.0 % against a target of ≥ 90.0 %, and getting worse: what will each team change?',
    );
    expect(agenda.indexOf('SLA compliance is')).toBeLessThan(agenda.indexOf('Wastage rate is'));
  });
});

describe('targets written to the CRMs', () => {
  const period = { spec: '2026-03', id: '2026-03', label: 'March 2026', start: 0, end: 86_400_000 };
  const row = (key: string, metric: string, value: number): Aggregate => ({
    dimension: 'campaign',
    key,
    metric,
    numerator: null,
    denominator: 10,
    value,
  });
  const set = (rows: Aggregate[]): AggregateSet => ({ period, computedAt: 86_400_000, rows });
  const campaign = '701000000000001AAA';
  const march = set([row(campaign, 'sla_compliance', 0.726), row(campaign, 'acceptance_rate', 0.8)]);
  const february = set([row(campaign, 'sla_compliance', 0.8)]);

  it('writes each campaign against the targets, with its trend, on the Campaign and the HubSpot record', () => {
    const targetsOf = campaignTargetsOf(march, february, AGREED);
    const expected = 'On 1 of 2 · off: SLA compliance 72.6 % (target ≥ 90.0 %, worse)';
    const { updates } = campaignUpdates(march, new Map(), DEFAULT_CAMPAIGN_FIELDS, targetsOf);
    expect(updates[0]?.fields['Leadpact_Targets__c']).toBe(expected);
    expect(campaignMetricsRecords(march, new Map(), targetsOf)[0]?.properties['leadpact_targets']).toBe(expected);
  });

  it('clears the field when there are no targets', () => {
    const { updates } = campaignUpdates(
      march,
      new Map(),
      DEFAULT_CAMPAIGN_FIELDS,
      campaignTargetsOf(march, february, {}),
    );
    expect(updates[0]?.fields['Leadpact_Targets__c']).toBeNull();
  });

  it('keeps within a Salesforce Text field', () => {
    const rows = targetRows(
      AGREED,
      () => 0.01,
      () => null,
    ).map((r) => ({ ...r, label: r.label.repeat(12) }));
    expect(targetsSummary(rows)?.length).toBe(255);
  });
});

describe('the protocol section targets', () => {
  it('refuses a share written as a percentage and a target with both bounds', () => {
    expect(targetsSchema.safeParse({ sla_compliance: { atLeast: 90 } }).error?.issues[0]).toMatchObject({
      path: ['sla_compliance'],
      message: 'sla_compliance is a share: write 90 % as 0.9',
    });
    expect(targetsSchema.safeParse({ wastage_rate: { atLeast: 0.1, atMost: 0.2 } }).success).toBe(false);
    expect(targetsSchema.safeParse({ mqls: { atLeast: 100 } }).success).toBe(false);
  });
});
