import { DateTime } from 'luxon';
import type { SalesforceUpdate } from '../shared/field-specs';
import type { FieldValue } from '../shared/crm-port';
import type { SalesforceId } from '../shared/ids';
import type { AggregateSet } from './aggregate-set';
import { NONE_KEY, REJECTION_PREFIX, type Aggregate, type MetricId } from './catalogue';
import type { Targets } from '../protocol';
import { targetRows, targetsSummary } from './targets';
import { METRIC_KEY_PROPERTY, EXTRA_CAMPAIGN_FIELDS, type CampaignFieldNames } from './writeback-spec';

/** A campaign's numbers for one period, read from a set. */
export interface CampaignNumbers {
  /** The ledger's `campaign` value: a Salesforce Campaign Id or a name. */
  readonly key: string;
  readonly metric: (id: MetricId) => number | null;
  readonly topRejectionCode: string | null;
}

/** A campaign's figures against the agreed targets, as text (targetsSummary); null clears the field. */
export type TargetsOf = (campaign: string) => string | null;
const NO_TARGETS: TargetsOf = () => null;

// Salesforce Campaign Ids start with the Campaign key prefix 701; 15 or 18 characters.
const CAMPAIGN_ID = /^701[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

export function isCampaignId(value: string): value is SalesforceId {
  return CAMPAIGN_ID.test(value);
}

/** Every campaign of the set (leads with no campaign are left out: there is nothing to write to). */
export function campaignNumbers(set: AggregateSet): CampaignNumbers[] {
  const byKey = new Map<string, Aggregate[]>();
  for (const row of set.rows) {
    if (row.dimension !== 'campaign' || row.key === NONE_KEY) continue;
    const rows = byKey.get(row.key);
    if (rows === undefined) byKey.set(row.key, [row]);
    else rows.push(row);
  }
  return [...byKey.entries()].map(([key, rows]) => {
    const values = new Map(rows.map((r) => [r.metric, r.value]));
    const top = rows
      .filter((r) => r.metric.startsWith(REJECTION_PREFIX))
      .sort((a, b) => (b.numerator ?? 0) - (a.numerator ?? 0) || a.metric.localeCompare(b.metric))[0];
    return {
      key,
      metric: (id) => values.get(id) ?? null,
      topRejectionCode: top === undefined ? null : top.metric.slice(REJECTION_PREFIX.length),
    };
  });
}

/** Each campaign's figures of `current` against the targets, with its trend on `previous`. */
export function campaignTargetsOf(
  current: AggregateSet,
  previous: AggregateSet | undefined,
  targets: Targets | undefined,
): TargetsOf {
  if (targets === undefined || Object.keys(targets).length === 0) return NO_TARGETS;
  const before = new Map((previous === undefined ? [] : campaignNumbers(previous)).map((c) => [c.key, c]));
  const now = new Map(campaignNumbers(current).map((c) => [c.key, c]));
  return (campaign) => {
    const numbers = now.get(campaign);
    if (numbers === undefined) return null;
    const earlier = before.get(campaign);
    return targetsSummary(targetRows(targets, numbers.metric, (metric) => earlier?.metric(metric) ?? null));
  };
}

/** Percent fields and properties take the percentage (45.5), rounded to the field's two decimals. */
const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 10_000) / 100);
const round1 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

/** A human label of the period, written beside the numbers so nobody mistakes which period they are. */
function periodText(set: AggregateSet): string {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }).toISODate() ?? '';
  return `${set.period.id}: ${day(set.period.start)} to ${day(set.period.end - 1)}`;
}

/** The Campaign fields for one campaign; null clears a field whose number the period could not give. */
function campaignFields(
  numbers: CampaignNumbers,
  set: AggregateSet,
  names: CampaignFieldNames,
  targetsOf: TargetsOf,
): Record<string, FieldValue> {
  const x = EXTRA_CAMPAIGN_FIELDS;
  const m = numbers.metric;
  return {
    [names.mqls]: m('mqls'),
    [names.acceptanceRate]: percent(m('acceptance_rate')),
    [names.wastageRate]: percent(m('wastage_rate')),
    [names.slaCompliance]: percent(m('sla_compliance')),
    [x.handedOff]: m('handed_off'),
    [x.accepted]: m('accepted'),
    [x.rejected]: m('rejected'),
    [x.notPursuedRate]: percent(m('not_pursued_rate')),
    [x.feedbackCoverage]: percent(m('feedback_coverage')),
    [x.medianTimeToAccept]: round1(m('time_to_accept_median')),
    [x.topRejectionCode]: numbers.topRejectionCode,
    [x.targets]: targetsOf(numbers.key),
    [x.sleeping]: m('sleeping_pipeline'),
    [x.mqlRevenue]: m('mql_revenue'),
    [x.period]: periodText(set),
    [x.updatedAt]: new Date(set.computedAt).toISOString(),
  };
}

/** Salesforce Campaign updates, by Id: the ledger's Id as is, a name through `idsByName`. */
export function campaignUpdates(
  set: AggregateSet,
  idsByName: ReadonlyMap<string, SalesforceId>,
  names: CampaignFieldNames,
  targetsOf: TargetsOf = NO_TARGETS,
): { updates: SalesforceUpdate[]; unresolved: string[] } {
  const updates: SalesforceUpdate[] = [];
  const unresolved: string[] = [];
  for (const numbers of campaignNumbers(set)) {
    const id = isCampaignId(numbers.key) ? numbers.key : idsByName.get(numbers.key);
    if (id === undefined) unresolved.push(numbers.key);
    else updates.push({ id, fields: campaignFields(numbers, set, names, targetsOf) });
  }
  return { updates, unresolved };
}

/** One HubSpot `leadpact_campaign_metrics` record, upserted by its unique metric key. */
export interface CampaignMetricsRecord {
  readonly idProperty: typeof METRIC_KEY_PROPERTY;
  readonly id: string;
  /** HubSpot takes every value as a string; '' clears a property. */
  readonly properties: Readonly<Record<string, string>>;
}

const str = (value: number | string | null): string => (value === null ? '' : String(value));

export function campaignMetricsRecords(
  set: AggregateSet,
  idsByName: ReadonlyMap<string, SalesforceId>,
  targetsOf: TargetsOf = NO_TARGETS,
): CampaignMetricsRecord[] {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }).toISODate() ?? '';
  return campaignNumbers(set).map((numbers) => {
    const m = numbers.metric;
    const id = `${numbers.key}|${set.period.id}`;
    const sfId = isCampaignId(numbers.key) ? numbers.key : (idsByName.get(numbers.key) ?? null);
    return {
      idProperty: METRIC_KEY_PROPERTY,
      id,
      properties: {
        [METRIC_KEY_PROPERTY]: id,
        leadpact_name: `${numbers.key} · ${set.period.id}`,
        leadpact_campaign: numbers.key,
        leadpact_salesforce_campaign_id: str(sfId),
        leadpact_period: set.period.id,
        leadpact_period_start: day(set.period.start),
        leadpact_period_end: day(set.period.end - 1),
        leadpact_mqls: str(m('mqls')),
        leadpact_handed_off: str(m('handed_off')),
        leadpact_accepted: str(m('accepted')),
        leadpact_rejected: str(m('rejected')),
        leadpact_acceptance_rate: str(percent(m('acceptance_rate'))),
        leadpact_wastage_rate: str(percent(m('wastage_rate'))),
        leadpact_sla_compliance: str(percent(m('sla_compliance'))),
        leadpact_not_pursued_rate: str(percent(m('not_pursued_rate'))),
        leadpact_feedback_coverage: str(percent(m('feedback_coverage'))),
        leadpact_median_time_to_accept_min: str(round1(m('time_to_accept_median'))),
        leadpact_top_rejection_code: str(numbers.topRejectionCode),
        leadpact_targets: str(targetsOf(numbers.key)),
        leadpact_sleeping_leads: str(m('sleeping_pipeline')),
        leadpact_won: str(m('won')),
        leadpact_mql_revenue: str(m('mql_revenue')),
        leadpact_computed_at: new Date(set.computedAt).toISOString(),
      },
    };
  });
}
