import type { SalesforceUpdate } from '../../../src/shared/field-specs';
import type { AggregateSet } from '../../../src/metrics/aggregate-set';
import type { Aggregate } from '../../../src/metrics/catalogue';
import {
  publishAggregates,
  type CampaignFieldWriter,
  type CampaignMetricsWriter,
} from '../../../src/app/write-back-metrics';
import {
  campaignMetricsRecords,
  campaignUpdates,
  type CampaignMetricsRecord,
} from '../../../src/metrics/writeback-mapping';
import {
  CAMPAIGN_METRICS_SCHEMA,
  DEFAULT_CAMPAIGN_FIELDS,
  campaignFieldSpecs,
} from '../../../src/metrics/writeback-spec';
import type { FieldValue, WriteOutcome } from '../../../src/shared/crm-port';
import { CrmError } from '../../../src/shared/errors';
import { salesforceId, type SalesforceId } from '../../../src/shared/ids';

const COMPUTED_AT = Date.parse('2026-04-01T02:00:00Z');
const campaignId = (n: number) => salesforceId(`701${String(n).padStart(12, '0')}AAA`);

function campaignRows(key: string, mqls: number, accepted: number, handedOff: number): Aggregate[] {
  const row = (
    metric: string,
    numerator: number | null,
    denominator: number | null,
    value: number | null,
  ): Aggregate => ({ dimension: 'campaign', key, metric, numerator, denominator, value });
  return [
    row('mqls', mqls, null, mqls),
    row('handed_off', handedOff, null, handedOff),
    row('accepted', accepted, null, accepted),
    row('acceptance_rate', accepted, handedOff, handedOff === 0 ? null : accepted / handedOff),
    row('wastage_rate', mqls - accepted, mqls, mqls === 0 ? null : (mqls - accepted) / mqls),
    row('sla_compliance', 2, 3, 2 / 3),
    row('time_to_accept_median', null, 4, 75.25),
    row('rejected_code:NOT_ICP', 1, 3, 1 / 3),
    row('rejected_code:NO_BUDGET', 2, 3, 2 / 3),
  ];
}

/** 240 campaigns recorded by Salesforce Id, and 10 by name, of which 8 exist in Salesforce. */
function march(): AggregateSet {
  const rows: Aggregate[] = [];
  for (let n = 1; n <= 240; n += 1) rows.push(...campaignRows(campaignId(n), 10, 7, 8));
  for (let n = 1; n <= 10; n += 1) rows.push(...campaignRows(`Webinar ${n}`, 4, 1, 2));
  rows.push(...campaignRows('(none)', 3, 0, 0), {
    dimension: 'all',
    key: 'all',
    metric: 'mqls',
    numerator: 2443,
    denominator: null,
    value: 2443,
  });
  return {
    period: {
      spec: 'previous-month',
      id: '2026-03',
      label: 'March 2026',
      start: Date.parse('2026-03-01T00:00:00Z'),
      end: Date.parse('2026-04-01T00:00:00Z'),
    },
    computedAt: COMPUTED_AT,
    rows,
  };
}

/** Salesforce as far as publishing sees it: Campaigns by Id, 200 records a call at most. */
class FakeSalesforce implements CampaignFieldWriter {
  readonly campaigns = new Map<string, Record<string, FieldValue>>();
  readonly names = new Map<string, SalesforceId>();
  calls = 0;

  constructor() {
    for (let n = 1; n <= 240; n += 1) this.campaigns.set(campaignId(n), {});
    for (let n = 1; n <= 8; n += 1) {
      this.names.set(`Webinar ${n}`, campaignId(900 + n));
      this.campaigns.set(campaignId(900 + n), {});
    }
    this.campaigns.delete(campaignId(17));
  }

  async findCampaignIdsByName(names: readonly string[]) {
    return new Map(names.flatMap((name) => (this.names.has(name) ? [[name, this.names.get(name)!] as const] : [])));
  }

  async updateCampaigns(updates: readonly SalesforceUpdate[]): Promise<WriteOutcome<SalesforceId>[]> {
    if (updates.length > 200) throw new Error('EXCEEDED_MAX_SIZE_REQUEST');
    this.calls += 1;
    return updates.map((u) => {
      const record = this.campaigns.get(u.id);
      if (record === undefined)
        return { ok: false, code: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [], retryable: false };
      Object.assign(record, u.fields);
      return { ok: true, id: u.id, created: false };
    });
  }
}

/** HubSpot's custom object as far as publishing sees it: upsert by unique key, 100 inputs a call. */
class FakeHubSpot implements CampaignMetricsWriter {
  readonly records = new Map<string, Readonly<Record<string, string>>>();
  calls = 0;

  async upsertCampaignMetrics(records: readonly CampaignMetricsRecord[]): Promise<WriteOutcome<string>[]> {
    if (records.length > 100) throw new Error('VALIDATION_ERROR: more than 100 inputs');
    this.calls += 1;
    return records.map((r) => {
      const created = !this.records.has(r.id);
      this.records.set(r.id, { ...this.records.get(r.id), ...r.properties });
      return { ok: true, id: r.id, created };
    });
  }
}

describe('publishing campaign aggregates', () => {
  it('updates every Salesforce Campaign it can find, 200 to a call, and says which it could not', async () => {
    const salesforce = new FakeSalesforce();
    const report = await publishAggregates({ aggregates: march(), salesforce });
    expect(report.salesforce).toMatchObject({ written: 247, calls: 2, unresolved: ['Webinar 9', 'Webinar 10'] });
    expect(report.salesforce.failed).toEqual([
      { campaign: campaignId(17), code: 'ENTITY_IS_DELETED', message: 'entity is deleted', retryable: false },
    ]);
    expect(salesforce.campaigns.get(campaignId(1))).toEqual({
      Leadpact_MQLs__c: 10,
      Leadpact_Acceptance_Rate__c: 87.5,
      Leadpact_Wastage_Rate__c: 30,
      Leadpact_SLA_Compliance__c: 66.67,
      Leadpact_Handed_Off__c: 8,
      Leadpact_Accepted__c: 7,
      Leadpact_Rejected__c: null,
      Leadpact_Not_Pursued_Rate__c: null,
      Leadpact_Feedback_Coverage__c: null,
      Leadpact_Median_Time_To_Accept_Min__c: 75.3,
      Leadpact_Top_Rejection_Code__c: 'NO_BUDGET',
      Leadpact_Targets__c: null,
      Leadpact_Sleeping_Leads__c: null,
      Leadpact_MQL_Revenue__c: null,
      Leadpact_Metrics_Period__c: '2026-03: 2026-03-01 to 2026-03-31',
      Leadpact_Metrics_Updated_At__c: '2026-04-01T02:00:00.000Z',
    });
    expect(salesforce.campaigns.get(campaignId(903))).toMatchObject({
      Leadpact_MQLs__c: 4,
      Leadpact_Acceptance_Rate__c: 50,
    });
  });

  it('writes under the field names the protocol configures', async () => {
    const salesforce = new FakeSalesforce();
    const names = {
      mqls: 'MQL_Count__c',
      acceptanceRate: 'Accept__c',
      wastageRate: 'Waste__c',
      slaCompliance: 'SLA__c',
    };
    await publishAggregates({ aggregates: march(), salesforce, names });
    expect(salesforce.campaigns.get(campaignId(2))).toMatchObject({
      MQL_Count__c: 10,
      Accept__c: 87.5,
      Waste__c: 30,
      SLA__c: 66.67,
    });
    expect(salesforce.campaigns.get(campaignId(2))).not.toHaveProperty('Leadpact_MQLs__c');
  });

  it('upserts one HubSpot record per campaign and period, 100 to a call, carrying the Salesforce Id when known', async () => {
    const hubspot = new FakeHubSpot();
    const report = await publishAggregates({ aggregates: march(), salesforce: new FakeSalesforce(), hubspot });
    expect(report.hubspot).toEqual({ written: 250, calls: 3, failed: [] });
    expect(hubspot.records.get('Webinar 3|2026-03')).toMatchObject({
      leadpact_metric_key: 'Webinar 3|2026-03',
      leadpact_name: 'Webinar 3 · 2026-03',
      leadpact_campaign: 'Webinar 3',
      leadpact_salesforce_campaign_id: campaignId(903),
      leadpact_period: '2026-03',
      leadpact_period_start: '2026-03-01',
      leadpact_period_end: '2026-03-31',
      leadpact_mqls: '4',
      leadpact_acceptance_rate: '50',
      leadpact_wastage_rate: '75',
      leadpact_top_rejection_code: 'NO_BUDGET',
      leadpact_won: '',
    });
    expect(hubspot.records.get('Webinar 10|2026-03')).toMatchObject({ leadpact_salesforce_campaign_id: '' });
    expect(hubspot.records.has('(none)|2026-03')).toBe(false);
  });

  it('can be run again after a failure: the same values are written, nothing is duplicated', async () => {
    const hubspot = new FakeHubSpot();
    await publishAggregates({ aggregates: march(), hubspot });
    const again = await publishAggregates({ aggregates: march(), hubspot });
    expect(again.hubspot.written).toBe(250);
    expect(hubspot.records.size).toBe(250);
    expect(again.salesforce).toEqual({ written: 0, calls: 0, failed: [], unresolved: [] });
  });

  it('lets a failing call through to the caller, whose job retries it', async () => {
    const hubspot: CampaignMetricsWriter = {
      upsertCampaignMetrics: () => Promise.reject(new Error('429 TEN_SECONDLY_ROLLING')),
    };
    await expect(publishAggregates({ aggregates: march(), hubspot })).rejects.toThrow('429');
  });

  it('keeps the metrics in Salesforce and says why when the portal has no campaign metrics object', async () => {
    const salesforce = new FakeSalesforce();
    const missing = new CrmError('hubspot', 'CRM_REJECTED', 'HubSpot has no custom object leadpact_campaign_metrics', {
      context: { missingObject: 'leadpact_campaign_metrics' },
    });
    const hubspot: CampaignMetricsWriter = { upsertCampaignMetrics: () => Promise.reject(missing) };
    const report = await publishAggregates({ aggregates: march(), salesforce, hubspot });
    expect(report.salesforce.written).toBe(247);
    expect(report.hubspot).toEqual({
      written: 0,
      calls: 0,
      failed: [],
      skipped: 'HubSpot has no custom object leadpact_campaign_metrics',
    });
  });

  it('declares for provisioning every field and property it writes', () => {
    const fields = campaignFieldSpecs();
    expect(fields.every((f) => f.object === 'Campaign' && f.name.endsWith('__c'))).toBe(true);
    expect(fields.filter((f) => f.type === 'Percent').map((f) => f.name)).toEqual([
      'Leadpact_Acceptance_Rate__c',
      'Leadpact_Wastage_Rate__c',
      'Leadpact_SLA_Compliance__c',
      'Leadpact_Not_Pursued_Rate__c',
      'Leadpact_Feedback_Coverage__c',
    ]);
    const fieldsWritten = Object.keys(campaignUpdates(march(), new Map(), DEFAULT_CAMPAIGN_FIELDS).updates[0]!.fields);
    expect(fields.map((f) => f.name).sort()).toEqual(fieldsWritten.sort());
    const written = Object.keys(campaignMetricsRecords(march(), new Map())[0]!.properties);
    expect(CAMPAIGN_METRICS_SCHEMA.properties.map((p) => p.name).sort()).toEqual(written.sort());
    expect(
      CAMPAIGN_METRICS_SCHEMA.properties.find((p) => p.name === CAMPAIGN_METRICS_SCHEMA.requiredProperties[0]),
    ).toMatchObject({ hasUniqueValue: true });
  });
});
