import { Registry } from 'prom-client';
import type { AggregateSet } from '../../../src/metrics/aggregate-set';
import type { Aggregate } from '../../../src/metrics/catalogue';
import { createAlignmentGauges } from '../../../src/metrics/prometheus';

const row = (dimension: Aggregate['dimension'], key: string, metric: string, value: number | null): Aggregate => ({
  dimension,
  key,
  metric,
  numerator: null,
  denominator: null,
  value,
});

function set(campaigns: readonly string[]): AggregateSet {
  return {
    period: { spec: '30d', id: 'rolling-30d', label: 'last 30 days', start: 0, end: 1 },
    computedAt: Date.parse('2026-04-10T12:00:00Z'),
    rows: [
      row('all', 'all', 'mqls', 11),
      row('all', 'all', 'acceptance_rate', 0.6),
      row('all', 'all', 'wastage_rate', 5 / 11),
      row('all', 'all', 'sla_compliance', null),
      row('all', 'all', 'time_to_accept_median', 75),
      row('all', 'all', 'mql_revenue', 15_000),
      ...campaigns.flatMap((c, i) => [
        row('campaign', c, 'mqls', 10 - i),
        row('campaign', c, 'acceptance_rate', 0.5),
        row('campaign', c, 'won', 1),
      ]),
    ],
  };
}

describe('the Prometheus gauges', () => {
  it('expose the core numbers of the period, and leave out what the period could not measure', async () => {
    const registry = new Registry();
    const gauges = createAlignmentGauges(registry);
    gauges.record({
      aggregates: set(['Spring']),
      observed: { score: 67.2, band: 'aligned', withheld: null, heldDownBy: null, components: [] },
    });
    const text = await registry.metrics();
    expect(text).toContain('leadpact_alignment_leads{period="rolling-30d",metric="mqls"} 11');
    expect(text).toContain('leadpact_alignment_ratio{period="rolling-30d",metric="acceptance_rate"} 0.6');
    expect(text).toContain(
      'leadpact_alignment_business_minutes{period="rolling-30d",metric="time_to_accept_median"} 75',
    );
    expect(text).toContain('leadpact_alignment_mql_revenue{period="rolling-30d"} 15000');
    expect(text).toContain(
      'leadpact_campaign_alignment_ratio{period="rolling-30d",campaign="Spring",metric="acceptance_rate"} 0.5',
    );
    expect(text).toContain('leadpact_alignment_index{period="rolling-30d",view="observed"} 67.2');
    expect(text).toContain('leadpact_alignment_computed_timestamp_seconds{period="rolling-30d"} 1775822400');
    expect(text).not.toContain('metric="sla_compliance"');
    expect(text).not.toContain('view="marketing"');
  });

  it('drops the series of a campaign that left the data, and keeps only the largest campaigns', async () => {
    const registry = new Registry();
    const gauges = createAlignmentGauges(registry, { campaignLimit: 2 });
    gauges.record({ aggregates: set(['A', 'B', 'C']) });
    let text = await registry.metrics();
    expect(text).toContain('campaign="A"');
    expect(text).toContain('campaign="B"');
    expect(text).not.toContain('campaign="C"');
    gauges.record({ aggregates: set(['B']) });
    text = await registry.metrics();
    expect(text).not.toContain('campaign="A"');
    expect(text).toContain('campaign="B"');
  });
});
