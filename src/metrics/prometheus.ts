import { Gauge, type Registry } from 'prom-client';
import type { AggregateSet } from './aggregate-set';
import { METRIC_IDS, METRICS, type MetricKind } from './catalogue';
import type { DiagnosticSummary } from './diagnostic';
import type { ObservedIndex } from './observed-index';

/**
 * The scorecard's core numbers as Prometheus gauges, labelled by period id (rolling-30d, 2026-03)
 * so a dashboard and an alert read what the meeting reads. Set after each scheduled computation,
 * never computed at scrape time (a scrape must stay cheap). A number the period could not give
 * (a rate over nothing) is absent, not 0.
 */
export interface AlignmentGauges {
  record(input: {
    readonly aggregates: AggregateSet;
    readonly observed?: ObservedIndex;
    readonly diagnostic?: DiagnosticSummary;
  }): void;
}

type Labels = Readonly<Record<string, string>>;

/** A gauge whose series of one period are replaced as a whole, so a campaign gone from the data goes from the scrape. */
class PeriodFamily {
  private readonly previous = new Map<string, Labels[]>();

  constructor(private readonly gauge: Gauge<string>) {}

  replace(period: string, series: readonly (readonly [Labels, number | null])[]): void {
    for (const labels of this.previous.get(period) ?? []) this.gauge.remove({ period, ...labels });
    const kept: Labels[] = [];
    for (const [labels, value] of series) {
      if (value === null || !Number.isFinite(value)) continue;
      this.gauge.set({ period, ...labels }, value);
      kept.push(labels);
    }
    this.previous.set(period, kept);
  }
}

const KIND_FAMILY: Readonly<Record<MetricKind, string>> = {
  count: 'leadpact_alignment_leads',
  rate: 'leadpact_alignment_ratio',
  minutes: 'leadpact_alignment_business_minutes',
  days: 'leadpact_alignment_days',
  money: 'leadpact_alignment_mql_revenue',
};

const HELP: Readonly<Record<MetricKind, string>> = {
  count: 'Leads counted by an alignment metric over the period (see the scorecard glossary)',
  rate: 'Alignment rates over the period, 0 to 1 (acceptance, wastage, SLA compliance, feedback coverage...)',
  minutes: 'Median and p90 business minutes to accept and to first touch, over the period',
  days: 'Median and p75 days from marketing-qualified to closed won, over the period',
  money: 'Amount won in the period by leads that were marketing-qualified',
};

/** Campaign series are limited to the largest campaigns, to keep the scrape's cardinality bounded. */
const CAMPAIGN_RATES = ['acceptance_rate', 'wastage_rate', 'sla_compliance', 'feedback_coverage'] as const;

export function createAlignmentGauges(registry: Registry, options: { campaignLimit?: number } = {}): AlignmentGauges {
  const family = (name: string, help: string, labelNames: string[]) =>
    new PeriodFamily(new Gauge({ name, help, labelNames: ['period', ...labelNames], registers: [registry] }));
  const byKind = Object.fromEntries(
    (Object.keys(KIND_FAMILY) as MetricKind[]).map((kind) => [
      kind,
      family(KIND_FAMILY[kind], HELP[kind], kind === 'money' ? [] : ['metric']),
    ]),
  ) as Record<MetricKind, PeriodFamily>;
  const campaigns = family(
    'leadpact_campaign_alignment_ratio',
    'Alignment rates of the largest campaigns over the period, 0 to 1',
    ['campaign', 'metric'],
  );
  const index = family(
    'leadpact_alignment_index',
    'Relationship position on the 20-100 scale: observed from the data, and as each function believes',
    ['view'],
  );
  const gap = family(
    'leadpact_alignment_perception_gap',
    'Diagnostic perception gap: sales mean minus marketing mean',
    [],
  );
  const computed = family('leadpact_alignment_computed_timestamp_seconds', 'When the period was last computed', []);
  const limit = options.campaignLimit ?? 50;

  return {
    record({ aggregates, observed, diagnostic }) {
      const period = aggregates.period.id;
      const overall = new Map(aggregates.rows.filter((r) => r.dimension === 'all').map((r) => [r.metric, r.value]));
      for (const kind of Object.keys(byKind) as MetricKind[]) {
        const ids = METRIC_IDS.filter((id) => METRICS[id].kind === kind);
        byKind[kind].replace(
          period,
          ids.map((id) => [kind === 'money' ? {} : { metric: id }, overall.get(id) ?? null] as const),
        );
      }
      campaigns.replace(period, campaignSeries(aggregates, limit));
      index.replace(period, [
        [{ view: 'observed' }, observed?.score ?? null],
        [{ view: 'marketing' }, diagnostic?.marketing ?? null],
        [{ view: 'sales' }, diagnostic?.sales ?? null],
      ]);
      gap.replace(period, [[{}, diagnostic?.gap ?? null]]);
      computed.replace(period, [[{}, aggregates.computedAt / 1000]]);
    },
  };
}

function campaignSeries(aggregates: AggregateSet, limit: number): [Labels, number | null][] {
  const campaignRows = aggregates.rows.filter((r) => r.dimension === 'campaign');
  const largest = campaignRows
    .filter((r) => r.metric === 'mqls')
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((r) => r.key);
  const kept = new Set(largest);
  return campaignRows
    .filter((r) => kept.has(r.key) && (CAMPAIGN_RATES as readonly string[]).includes(r.metric))
    .map((r) => [{ campaign: r.key, metric: r.metric }, r.value]);
}
