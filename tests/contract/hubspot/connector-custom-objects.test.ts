import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import type { HubSpotObjectSchemaSpec } from '../../../src/shared/field-specs';
import {
  CAMPAIGN_METRICS_OBJECT,
  CAMPAIGN_METRICS_SCHEMA,
  campaignMetricsRecords,
  type AggregateSet,
} from '../../../src/metrics';
import { resolvePeriod } from '../../../src/metrics/period';
import { CrmError } from '../../../src/shared/errors';
import { sdk, useSimulator } from './hubspot-fixtures';

const sim = useSimulator();
const open: HubSpotConnector[] = [];
afterEach(() => open.splice(0).forEach((connector) => connector.close()));

function connect(): HubSpotConnector {
  const connector = createHubSpotConnector({
    accessToken: sim().credentials.accessToken,
    baseUrl: sim().url,
    campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
  });
  open.push(connector);
  return connector;
}

const NOW = Date.parse('2026-04-10T12:00:00Z');
const UPSERTS = 'POST /crm/v3/objects/:objectType/batch/upsert';

/** The metrics of `count` campaigns for April 2026 to date, as the scheduled job computes them. */
function aggregates(count: number, mqls: number): AggregateSet {
  const period = resolvePeriod('calendar-month', NOW);
  if (!period.ok) throw new Error(period.error);
  const rows = Array.from({ length: count }, (_, i) => [
    {
      dimension: 'campaign' as const,
      key: `Campaign ${i}`,
      metric: 'mqls',
      numerator: mqls,
      denominator: null,
      value: mqls,
    },
    {
      dimension: 'campaign' as const,
      key: `Campaign ${i}`,
      metric: 'acceptance_rate',
      numerator: 2,
      denominator: 3,
      value: 2 / 3,
    },
  ]).flat();
  return { period: period.value.current, computedAt: NOW, rows };
}

describe('HubSpot connector: the campaign metrics custom object', () => {
  it('provisions leadpact_campaign_metrics once; a second run changes nothing and says so', async () => {
    const first = await connect().provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    expect(first.created).toEqual(
      expect.arrayContaining([
        `object:${CAMPAIGN_METRICS_OBJECT}`,
        `property:${CAMPAIGN_METRICS_OBJECT}.leadpact_metric_key`,
      ]),
    );
    const [schema] = (await sdk(sim()).crm.schemas.coreApi.getAll()).results;
    expect(schema?.properties.find((p) => p.name === 'leadpact_metric_key')?.hasUniqueValue).toBe(true);
    const second = await connect().provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(1 + CAMPAIGN_METRICS_SCHEMA.properties.length);
  });

  it('brings an existing object in line: a new property, a relabelled one, new display and search lists', async () => {
    await connect().provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    const grown: HubSpotObjectSchemaSpec = {
      ...CAMPAIGN_METRICS_SCHEMA,
      labels: { singular: 'Campaign scorecard', plural: 'Campaign scorecards' },
      searchableProperties: [...CAMPAIGN_METRICS_SCHEMA.searchableProperties, 'leadpact_top_rejection_code'],
      properties: [
        ...CAMPAIGN_METRICS_SCHEMA.properties.map((p) =>
          p.name === 'leadpact_won' ? { ...p, label: 'Closed won' } : p,
        ),
        { name: 'leadpact_lost', label: 'Lost', type: 'number', fieldType: 'number' },
      ],
    };
    const report = await connect().provisionObjectSchema(grown);
    expect(report.created).toEqual([`property:${CAMPAIGN_METRICS_OBJECT}.leadpact_lost`]);
    expect(report.updated).toEqual([
      `object:${CAMPAIGN_METRICS_OBJECT}`,
      `property:${CAMPAIGN_METRICS_OBJECT}.leadpact_won`,
    ]);
    const [schema] = (await sdk(sim()).crm.schemas.coreApi.getAll()).results;
    expect(schema).toMatchObject({
      labels: { plural: 'Campaign scorecards' },
      searchableProperties: grown.searchableProperties,
    });
  });

  it('will not pretend to make an existing property unique: HubSpot cannot change that', async () => {
    await connect().provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    const unique: HubSpotObjectSchemaSpec = {
      ...CAMPAIGN_METRICS_SCHEMA,
      properties: CAMPAIGN_METRICS_SCHEMA.properties.map((p) =>
        p.name === 'leadpact_name' ? { ...p, hasUniqueValue: true } : p,
      ),
    };
    await expect(connect().provisionObjectSchema(unique)).rejects.toMatchObject({ code: 'CRM_CONFLICT' });
  });

  it('upserts 250 campaigns in three calls, one outcome each; the next run updates the same records', async () => {
    const connector = connect();
    await connector.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    const first = await connector.upsertCampaignMetrics(campaignMetricsRecords(aggregates(250, 4), new Map()));
    expect(sim().calls().byRoute[UPSERTS]).toBe(3);
    expect(first.every((o) => o.ok && o.created)).toBe(true);
    const second = await connect().upsertCampaignMetrics(campaignMetricsRecords(aggregates(250, 9), new Map()));
    expect(second.map((o) => (o.ok ? [o.id, o.created] : o.code))).toEqual(
      first.map((o) => (o.ok ? [o.id, false] : o.code)),
    );
    const records = sim().objects(CAMPAIGN_METRICS_OBJECT);
    expect(records).toHaveLength(250);
    expect(records.find((r) => r.properties['leadpact_metric_key'] === 'Campaign 7|2026-04')?.properties).toMatchObject(
      {
        leadpact_name: 'Campaign 7 · 2026-04',
        leadpact_period: '2026-04',
        leadpact_period_start: '2026-04-01',
        leadpact_period_end: '2026-04-10',
        leadpact_mqls: '9',
        leadpact_acceptance_rate: '66.67',
      },
    );
  });

  it('reports a record HubSpot refuses on its own, and writes the others', async () => {
    const connector = connect();
    await connector.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    const [good, bad] = campaignMetricsRecords(aggregates(2, 4), new Map());
    const outcomes = await connector.upsertCampaignMetrics([
      good!,
      { ...bad!, properties: { ...bad!.properties, leadpact_mqls: 'many' } },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, created: true });
    expect(outcomes[1]).toMatchObject({ ok: false, code: 'INVALID_LONG', fields: ['leadpact_mqls'], retryable: false });
    expect(sim().objects(CAMPAIGN_METRICS_OBJECT)).toHaveLength(1);
  });

  it('says to run provisioning when the account has no such object', async () => {
    const failure = await connect()
      .upsertCampaignMetrics(campaignMetricsRecords(aggregates(1, 1), new Map()))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmError);
    expect(failure).toMatchObject({
      code: 'CRM_REJECTED',
      retryable: false,
      message: expect.stringContaining('leadpact provision'),
    });
  });
});
