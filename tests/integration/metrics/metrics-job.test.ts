import { Registry } from 'prom-client';
import { insertHistory } from '../../../bench/metrics-history';
import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { publishMetrics, type MetricsJobSettings, type PeriodPublication } from '../../../src/app/publish-metrics';
import {
  CAMPAIGN_METRICS_OBJECT,
  CAMPAIGN_METRICS_SCHEMA,
  createAlignmentGauges,
  findAggregate,
  type AggregateSet,
} from '../../../src/metrics';
import { loadAggregates } from '../../../src/store/metrics/aggregate-repository';
import { salesforceFieldSpecs } from '../../../src/app/provision-specs';
import { ConfigError, CrmError } from '../../../src/shared/errors';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import {
  CLONED,
  MISSING,
  NOW,
  TWINS,
  expectedNumbers,
  lateLead,
  percent,
  period,
  seedOrgAndLedger,
  shippedProtocol,
  type SeededOrg,
} from './write-back-fixture';

const protocol = shippedProtocol();
const clock = { now: () => NOW, realDelayUntil: () => 0 };

describe('the scheduled metrics write-back, through both simulators', () => {
  let t: TestDatabase;
  let sf: SalesforceSimulator;
  let hs: HubSpotSimulator;
  let salesforce: SalesforcePort & { close(): Promise<void> };
  let hubspot: HubSpotConnector;
  let org: SeededOrg;
  const registry = new Registry();
  const gauges = createAlignmentGauges(registry);
  const run = (settings: Partial<MetricsJobSettings> = {}): Promise<readonly PeriodPublication[]> =>
    publishMetrics({ db: t.db, protocol, clock, logger: silentLogger(), salesforce, hubspot, gauges, settings });

  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    await migrate(t.db);
    sf = await startSalesforceSimulator({ clock: () => NOW });
    hs = await startHubSpotSimulator({ clock: () => NOW, searchLagMs: 0 });
    salesforce = await createSalesforceConnector({
      auth: { kind: 'token', instanceUrl: sf.url, accessToken: sf.mintAccessToken() },
      loginUrl: sf.url,
      apiVersion: '62.0',
    });
    hubspot = createHubSpotConnector({
      accessToken: hs.credentials.accessToken,
      baseUrl: hs.url,
      ratePer10s: 190,
      campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
    });
    await salesforce.provisionFields(salesforceFieldSpecs(protocol).filter((spec) => spec.object === 'Campaign'));
    await hubspot.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA);
    org = seedOrgAndLedger(sf, 4_000);
    await insertHistory(t.db, org.rows);
  });

  afterAll(async () => {
    hubspot.close();
    await salesforce.close();
    await Promise.all([sf.close(), hs.close()]);
    await t.dispose();
  });

  const stored = async (spec: string): Promise<AggregateSet> => {
    const set = await loadAggregates(t.db, period(spec));
    if (set === null) throw new Error(`nothing stored for ${spec}`);
    return set;
  };
  const campaignsOf = (set: AggregateSet): string[] => [
    ...new Set(set.rows.filter((r) => r.dimension === 'campaign' && r.key !== '(none)').map((r) => r.key)),
  ];
  const salesforceCampaign = (id: string) => sf.records('Campaign').find((record) => record['Id'] === id);
  const hubspotRecord = (key: string) =>
    hs.objects(CAMPAIGN_METRICS_OBJECT).find((record) => record.properties['leadpact_metric_key'] === key);

  it('writes the rolling 30 days onto every Salesforce Campaign it can name, with the numbers of the seeded history', async () => {
    const [month, rolling] = await run();
    expect([month?.period, rolling?.period]).toEqual(['2026-04', 'rolling-30d']);
    const set = await stored('30d');
    const campaigns = campaignsOf(set);
    expect(campaigns).toEqual(expect.arrayContaining([CLONED, TWINS, MISSING]));
    const written = campaigns.filter((campaign) => typeof org.campaignIds.get(campaign) === 'string');
    expect(written.length).toBe(campaigns.length - 2);
    for (const campaign of written) {
      const id = org.campaignIds.get(campaign) ?? '';
      const expected = expectedNumbers(org.rows, campaign, period('30d'));
      expect({ campaign, fields: salesforceCampaign(id) }).toMatchObject({
        campaign,
        fields: {
          Leadpact_MQLs__c: expected.mqls,
          Leadpact_Acceptance_Rate__c: percent(expected.acceptanceRate),
          Leadpact_Wastage_Rate__c: percent(findAggregate(set, 'wastage_rate', 'campaign', campaign)?.value ?? null),
          Leadpact_SLA_Compliance__c: percent(
            findAggregate(set, 'sla_compliance', 'campaign', campaign)?.value ?? null,
          ),
          Leadpact_Handed_Off__c: findAggregate(set, 'handed_off', 'campaign', campaign)?.value ?? null,
          Leadpact_Metrics_Period__c: 'rolling-30d: 2026-03-11 to 2026-04-10',
        },
      });
    }
  });

  it('leaves a name matching no Campaign, or two active ones, unwritten, and says so; a clone’s active copy gets the numbers', async () => {
    const [, rolling] = await run();
    expect([...(rolling?.published.salesforce.unresolved ?? [])].sort()).toEqual([TWINS, MISSING].sort());
    expect(rolling?.published.salesforce.failed).toEqual([]);
    const twins = sf.records('Campaign').filter((record) => record['Name'] === TWINS);
    expect(twins.map((record) => record['Leadpact_MQLs__c'] ?? null)).toEqual([null, null]);
    const clones = sf.records('Campaign').filter((record) => record['Name'] === CLONED);
    expect(clones.map((record) => [record['IsActive'], record['Leadpact_MQLs__c'] ?? null])).toEqual([
      [false, null],
      [true, expectedNumbers(org.rows, CLONED, period('30d')).mqls],
    ]);
  });

  it('keeps one HubSpot record per campaign and period, for both periods, with the same numbers and the Salesforce Campaign Id', async () => {
    await run();
    for (const spec of ['30d', 'calendar-month']) {
      const set = await stored(spec);
      const campaigns = campaignsOf(set);
      expect(campaigns.length).toBeGreaterThan(30);
      for (const campaign of campaigns) {
        const expected = expectedNumbers(org.rows, campaign, period(spec));
        const record = hubspotRecord(`${campaign}|${set.period.id}`)?.properties ?? {};
        // A number the period could not give is written as '' and so holds no value.
        const shown = (name: string): string => record[name] ?? '';
        expect({
          campaign,
          spec,
          shown: [
            'leadpact_campaign',
            'leadpact_period',
            'leadpact_mqls',
            'leadpact_acceptance_rate',
            'leadpact_salesforce_campaign_id',
          ].map(shown),
        }).toEqual({
          campaign,
          spec,
          shown: [
            campaign,
            set.period.id,
            String(expected.mqls),
            expected.acceptanceRate === null ? '' : String(percent(expected.acceptanceRate)),
            org.campaignIds.get(campaign) ?? '',
          ],
        });
      }
    }
    const keys = hs.objects(CAMPAIGN_METRICS_OBJECT).map((record) => record.properties['leadpact_metric_key']);
    expect(keys).toHaveLength(
      campaignsOf(await stored('30d')).length + campaignsOf(await stored('calendar-month')).length,
    );
  });

  it('sets the Prometheus gauges to the same numbers, labelled by period', async () => {
    await run();
    const set = await stored('30d');
    const leads = await registry.getSingleMetric('leadpact_alignment_leads')?.get();
    const mqls = leads?.values.find((v) => v.labels['period'] === 'rolling-30d' && v.labels['metric'] === 'mqls');
    expect(mqls?.value).toBe(findAggregate(set, 'mqls')?.value);
    const campaigns = await registry.getSingleMetric('leadpact_campaign_alignment_ratio')?.get();
    const rate = campaigns?.values.find(
      (v) =>
        v.labels['period'] === '2026-04' && v.labels['campaign'] === CLONED && v.labels['metric'] === 'acceptance_rate',
    );
    expect(rate?.value).toBeCloseTo(
      expectedNumbers(org.rows, CLONED, period('calendar-month')).acceptanceRate ?? Number.NaN,
      9,
    );
  });

  it('costs Salesforce one name lookup a run and one update call a period, HubSpot one upsert call a period', async () => {
    const before = { sf: sf.calls().total, hs: hs.calls().total };
    await run();
    expect({ sf: sf.calls().total - before.sf, hs: hs.calls().total - before.hs }).toEqual({ sf: 3, hs: 2 });
  });

  it('refuses a period it cannot read before it computes or writes anything', async () => {
    const before = { sf: sf.calls().total, hs: hs.calls().total };
    const failure = await run({ periods: ['30d', 'fortnightly'] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      expect.objectContaining({ path: 'periods[0]', message: expect.stringContaining('unknown period "fortnightly"') }),
    ]);
    expect({ sf: sf.calls().total - before.sf, hs: hs.calls().total - before.hs }).toEqual({ sf: 0, hs: 0 });
  });

  it('fails the run when HubSpot is down, once Salesforce has its numbers, and the retry completes it', async () => {
    const plain =
      campaignsOf(await stored('30d')).find(
        (campaign) =>
          typeof org.campaignIds.get(campaign) === 'string' && !campaign.startsWith('701') && campaign !== CLONED,
      ) ?? '';
    const before = expectedNumbers(org.rows, plain, period('30d')).mqls;
    const late = [lateLead(plain, 101)];
    await insertHistory(t.db, late);
    org.rows.push(...late);
    hs.setFaults({ burst: { count: 1_000, status: 503 }, routes: ['POST /crm/v3/objects/:objectType/batch/upsert'] });
    const failure = await run().catch((error: unknown) => error);
    hs.clearFaults();
    expect(failure).toBeInstanceOf(CrmError);
    expect(failure).toMatchObject({ code: 'CRM_UNAVAILABLE', retryable: true });
    expect(salesforceCampaign(org.campaignIds.get(plain) ?? '')?.['Leadpact_MQLs__c']).toBe(before + 1);
    expect(hubspotRecord(`${plain}|rolling-30d`)?.properties['leadpact_mqls']).toBe(String(before));
    await run();
    expect(hubspotRecord(`${plain}|rolling-30d`)?.properties['leadpact_mqls']).toBe(String(before + 1));
  });

  it('writes Salesforce only, and completes, when the HubSpot portal has no campaign metrics object', async () => {
    const bare = await startHubSpotSimulator({ clock: () => NOW, searchLagMs: 0 });
    const unprovisioned = createHubSpotConnector({
      accessToken: bare.credentials.accessToken,
      baseUrl: bare.url,
      ratePer10s: 190,
      campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
    });
    try {
      const done = await publishMetrics({
        db: t.db,
        protocol,
        clock,
        logger: silentLogger(),
        salesforce,
        hubspot: unprovisioned,
        settings: { periods: ['30d'] },
      });
      expect(done.map((p) => p.published.hubspot)).toEqual([
        expect.objectContaining({ written: 0, skipped: expect.stringContaining('leadpact provision') }),
      ]);
      expect(done[0]?.published.salesforce.written).toBeGreaterThan(0);
    } finally {
      unprovisioned.close();
      await bare.close();
    }
  });

  it('updates rather than duplicates on the next run, when the ledger has moved', async () => {
    await run();
    const recordsBefore = hs.objects(CAMPAIGN_METRICS_OBJECT).length;
    const campaignsBefore = sf.records('Campaign').length;
    const late = Array.from({ length: 5 }, (_, i) => lateLead(CLONED, i + 1));
    await insertHistory(t.db, late);
    org.rows.push(...late);
    await run();
    expect(hs.objects(CAMPAIGN_METRICS_OBJECT)).toHaveLength(recordsBefore);
    expect(sf.records('Campaign')).toHaveLength(campaignsBefore);
    const expected = expectedNumbers(org.rows, CLONED, period('30d'));
    expect(salesforceCampaign(org.campaignIds.get(CLONED) ?? '')).toMatchObject({
      Leadpact_MQLs__c: expected.mqls,
      Leadpact_Acceptance_Rate__c: percent(expected.acceptanceRate),
    });
    expect(hubspotRecord(`${CLONED}|rolling-30d`)?.properties['leadpact_mqls']).toBe(String(expected.mqls));
    expect(hubspotRecord(`${CLONED}|2026-04`)?.properties['leadpact_mqls']).toBe(
      String(expectedNumbers(org.rows, CLONED, period('calendar-month')).mqls),
    );
  });
});
