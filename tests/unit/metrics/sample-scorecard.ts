import { METRIC_IDS, type MetricId } from '../../../src/metrics/catalogue';
import { DEFAULT_STATEMENTS } from '../../../src/metrics/diagnostic-bank';
import { NO_MEETINGS } from '../../../src/metrics/meetings';
import type { MetricValue, MetricValues, ScorecardData, SliceSummary } from '../../../src/metrics/scorecard-model';

const NOW = Date.parse('2026-04-02T09:00:00Z');

/** A metric map where every metric is unknown except those given as [numerator, denominator, value]. */
export function values(
  given: Partial<Record<MetricId, readonly [number | null, number | null, number | null]>>,
): MetricValues {
  return Object.fromEntries(
    METRIC_IDS.map((m): [MetricId, MetricValue] => {
      const parts = given[m];
      return [
        m,
        parts === undefined
          ? { numerator: null, denominator: null, value: null }
          : { numerator: parts[0], denominator: parts[1], value: parts[2] },
      ];
    }),
  ) as Record<MetricId, MetricValue>;
}

export function slice(
  key: string,
  given: Parameters<typeof values>[0],
  rejections: SliceSummary['rejections'] = [],
): SliceSummary {
  return { key, label: key, metrics: values(given), rejections };
}

/** March against February: acceptance up 20 points, wastage down, SLA compliance down 15 points. */
export function sampleScorecard(overrides: Partial<ScorecardData> = {}): ScorecardData {
  return {
    generatedAt: NOW,
    timeZone: 'UTC',
    period: {
      spec: '2026-03',
      id: '2026-03',
      label: 'March 2026',
      start: Date.parse('2026-03-01T00:00:00Z'),
      end: Date.parse('2026-04-01T00:00:00Z'),
    },
    previousPeriod: {
      spec: '2026-03',
      id: '2026-02',
      label: 'February 2026',
      start: Date.parse('2026-02-01T00:00:00Z'),
      end: Date.parse('2026-03-01T00:00:00Z'),
    },
    thresholds: { dormancyDays: 14, notPursuedDays: 5 },
    overall: values({
      mqls: [40, null, 40],
      handed_off: [30, null, 30],
      accepted: [21, null, 21],
      rejected: [6, null, 6],
      acceptance_rate: [21, 30, 0.7],
      wastage_rate: [19, 40, 0.475],
      sla_compliance: [18, 24, 0.75],
      feedback_coverage: [4, 6, 4 / 6],
      not_pursued_rate: [3, 30, 0.1],
      time_to_accept_median: [null, 21, 95],
      sleeping_pipeline: [4, null, 4],
    }),
    previous: values({
      mqls: [38, null, 38],
      handed_off: [25, null, 25],
      accepted: [12, null, 12],
      rejected: [8, null, 8],
      acceptance_rate: [12, 25, 0.5],
      wastage_rate: [26, 38, 26 / 38],
      sla_compliance: [18, 20, 0.9],
      feedback_coverage: [4, 8, 0.5],
      not_pursued_rate: [3, 25, 0.12],
      time_to_accept_median: [null, 12, 100],
      sleeping_pipeline: [4, null, 4],
    }),
    rejections: [
      { code: 'NOT_ICP', count: 3 },
      { code: 'NO_BUDGET', count: 2 },
      { code: '(no code)', count: 1 },
    ],
    slices: {
      campaign: [
        slice(
          '<Spring> | webinar',
          {
            mqls: [25, null, 25],
            acceptance_rate: [15, 20, 0.75],
            wastage_rate: [10, 25, 0.4],
            sla_compliance: [12, 16, 0.75],
          },
          [
            { code: 'NOT_ICP', count: 2 },
            { code: 'NO_BUDGET', count: 1 },
          ],
        ),
        slice('701000000000001AAA', {
          mqls: [15, null, 15],
          acceptance_rate: [6, 10, 0.6],
          wastage_rate: [9, 15, 0.6],
          sla_compliance: [6, 8, 0.75],
        }),
      ],
      source: [],
      territory: [],
      owner: [],
      team: [],
    },
    funnel: [
      { stage: 'mql', label: 'Marketing-qualified', count: 40 },
      { stage: 'handed_off', label: 'Handed off', count: 30 },
      { stage: 'accepted', label: 'Accepted', count: 21 },
      { stage: 'working', label: 'Worked', count: 15 },
      { stage: 'converted', label: 'Opportunity', count: 6 },
      { stage: 'won', label: 'Won', count: 2 },
    ],
    slaTrend: [{ weekOf: '2026-03-23', met: 3, settled: 4, value: 0.75 }],
    timeToAccept: [
      { label: '0–30 min', from: 0, to: 30, count: 5 },
      { label: '30 min+', from: 30, to: null, count: 16 },
    ],
    diagnostic: {
      respondents: { marketing: 2, sales: 3 },
      marketing: 52,
      sales: 71,
      gap: 19,
      overall: 61.5,
      band: 'aligned',
      bankEdited: false,
      statements: DEFAULT_STATEMENTS.map((s, i) => ({
        ...s,
        marketing: 2.5,
        sales: i === 15 ? 4.5 : 3.5,
        gap: i === 15 ? 2 : 1,
      })),
    },
    observed: { score: 58, band: 'defined', withheld: null, heldDownBy: null, components: [] },
    targets: [],
    meetings: NO_MEETINGS,
    leftBehind: [
      {
        leadId: 'x',
        salesforceId: '00Q000000000001AAA',
        salesforceObject: 'Lead',
        hubspotContactId: null,
        name: 'Ada Lovelace',
        company: 'Analytical Engines',
        email: 'ada@engines.example',
        owner: '005000000000007AAA',
        campaign: 'Spring | EMEA',
        stage: 'accepted',
        reason: 'not_pursued',
        since: NOW - 9 * 86_400_000,
        label: 'Ada Lovelace',
        ownerName: 'Dana Reyes',
        recordUrl: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q000000000001AAA/view',
      },
    ],
    salesforceUrl: 'https://acme.my.salesforce.com',
    glossary: [],
    ...overrides,
  };
}
