import type { HubSpotObjectPropertySpec, HubSpotObjectSchemaSpec } from '../shared/field-specs';
import type { CustomFieldSpec } from '../shared/field-specs';
import { DEFAULT_WRITE_BACK, type WriteBackNames } from '../protocol/schema/write-back.schema';
import { METRICS, type MetricId } from './catalogue';

/**
 * What leadpact writes about campaigns, and what `leadpact provision` must create for it.
 *
 * Salesforce: custom fields on the standard Campaign, where marketers already read a campaign's
 * results (list views, campaign reports). The four names of DESIGN.md are configurable in the
 * protocol's write-back section; the others are ours. Rates go into Percent fields, which take the
 * percentage itself (45.5 means 45.5 %), not the fraction.
 *
 * HubSpot: a custom object `leadpact_campaign_metrics`, one record per campaign per period, rather
 * than properties on HubSpot's marketing campaign. Marketers find custom objects in the CRM menu,
 * filter and save views of them, and chart them in the custom report builder, so a campaign's trend
 * over months is a report, not a memory; campaign properties would hold one value, overwritten each
 * run, with no history. Leads arrive keyed by Salesforce Campaign or by name, not by HubSpot's
 * campaign GUID, so a record keyed by campaign and period needs no GUID lookup either.
 * Custom objects need an Enterprise hub (HubSpot: "Requires ... Enterprise").
 */
export type CampaignFieldNames = WriteBackNames['campaign'];

export const DEFAULT_CAMPAIGN_FIELDS: CampaignFieldNames = DEFAULT_WRITE_BACK.campaign;

/** The fields beyond DESIGN.md's four that a marketer needs to act on the rates. */
export const EXTRA_CAMPAIGN_FIELDS = {
  handedOff: 'Leadpact_Handed_Off__c',
  accepted: 'Leadpact_Accepted__c',
  rejected: 'Leadpact_Rejected__c',
  notPursuedRate: 'Leadpact_Not_Pursued_Rate__c',
  feedbackCoverage: 'Leadpact_Feedback_Coverage__c',
  medianTimeToAccept: 'Leadpact_Median_Time_To_Accept_Min__c',
  topRejectionCode: 'Leadpact_Top_Rejection_Code__c',
  sleeping: 'Leadpact_Sleeping_Leads__c',
  mqlRevenue: 'Leadpact_MQL_Revenue__c',
  targets: 'Leadpact_Targets__c',
  period: 'Leadpact_Metrics_Period__c',
  updatedAt: 'Leadpact_Metrics_Updated_At__c',
} as const;

/** What a Campaign field says in Setup (for the admin) and beside the value (for whoever reads the campaign). */
interface Wording {
  readonly description: string;
  readonly helpText: string;
}

const BY_LEADPACT = 'Written by leadpact for this campaign; an edit is overwritten at the next publish.';
const about = (helpText: string): Wording => ({ description: `${helpText} ${BY_LEADPACT}`, helpText });
/** A metric's field reads as the scorecard defines it, so the two never disagree. */
const metric = (id: MetricId): Wording => about(METRICS[id].definition);

const count = (name: string, label: string, wording: Wording): CustomFieldSpec => ({
  object: 'Campaign',
  name,
  label,
  ...wording,
  type: 'Number',
  precision: 10,
  scale: 0,
});
const percent = (name: string, label: string, wording: Wording): CustomFieldSpec => ({
  object: 'Campaign',
  name,
  label,
  ...wording,
  type: 'Percent',
  precision: 5,
  scale: 2,
});

export function campaignFieldSpecs(names: CampaignFieldNames = DEFAULT_CAMPAIGN_FIELDS): CustomFieldSpec[] {
  const x = EXTRA_CAMPAIGN_FIELDS;
  return [
    count(names.mqls, 'Leadpact MQLs', metric('mqls')),
    percent(names.acceptanceRate, 'Leadpact Acceptance Rate', metric('acceptance_rate')),
    percent(names.wastageRate, 'Leadpact Wastage Rate', metric('wastage_rate')),
    percent(names.slaCompliance, 'Leadpact SLA Compliance', metric('sla_compliance')),
    count(x.handedOff, 'Leadpact Handed Off', metric('handed_off')),
    count(x.accepted, 'Leadpact Accepted', metric('accepted')),
    count(x.rejected, 'Leadpact Rejected', metric('rejected')),
    percent(x.notPursuedRate, 'Leadpact Not Pursued Rate', metric('not_pursued_rate')),
    percent(x.feedbackCoverage, 'Leadpact Feedback Coverage', metric('feedback_coverage')),
    {
      object: 'Campaign',
      name: x.medianTimeToAccept,
      label: 'Leadpact Median Time to Accept (business min)',
      ...metric('time_to_accept_median'),
      type: 'Number',
      precision: 10,
      scale: 1,
    },
    {
      object: 'Campaign',
      name: x.topRejectionCode,
      label: 'Leadpact Top Rejection Reason',
      ...about("The rejection code Sales gave most often for this campaign's leads."),
      type: 'Text',
      length: 80,
    },
    count(x.sleeping, 'Leadpact Sleeping Leads', metric('sleeping_pipeline')),
    {
      object: 'Campaign',
      name: x.mqlRevenue,
      label: 'Leadpact Revenue from MQLs',
      ...metric('mql_revenue'),
      type: 'Number',
      precision: 16,
      scale: 2,
    },
    {
      object: 'Campaign',
      name: x.targets,
      label: 'Leadpact Targets',
      ...about(
        "This campaign's figures against the targets agreed in the protocol: how many are met, and each one off target with its trend.",
      ),
      type: 'Text',
      length: 255,
    },
    {
      object: 'Campaign',
      name: x.period,
      label: 'Leadpact Metrics Period',
      ...about('The period the leadpact numbers on this campaign cover.'),
      type: 'Text',
      length: 80,
    },
    {
      object: 'Campaign',
      name: x.updatedAt,
      label: 'Leadpact Metrics Updated At',
      ...about('When leadpact last computed the numbers on this campaign.'),
      type: 'DateTime',
    },
  ];
}

export const CAMPAIGN_METRICS_OBJECT = 'leadpact_campaign_metrics';
/** The unique property records are upserted by: `<campaign>|<period id>`. */
export const METRIC_KEY_PROPERTY = 'leadpact_metric_key';

/** The custom object definition, as the HubSpot port takes it. */
export type HubSpotCustomObjectSpec = HubSpotObjectSchemaSpec;
export type { HubSpotObjectPropertySpec };

const text = (name: string, label: string, description: string): HubSpotObjectPropertySpec => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  description,
});
const number = (name: string, label: string, description: string): HubSpotObjectPropertySpec => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  description,
});

const CAMPAIGN_METRICS_PROPERTIES: readonly HubSpotObjectPropertySpec[] = [
  { ...text(METRIC_KEY_PROPERTY, 'Metric key', 'Campaign and period; leadpact upserts by it.'), hasUniqueValue: true },
  text('leadpact_name', 'Name', 'Campaign · period, as shown in lists.'),
  text('leadpact_campaign', 'Campaign', 'The campaign as the lead ledger records it (name or Salesforce Campaign Id).'),
  text(
    'leadpact_salesforce_campaign_id',
    'Salesforce Campaign Id',
    'Empty when the campaign name matched no Salesforce Campaign.',
  ),
  text('leadpact_period', 'Period', 'YYYY-MM for a month, YYYY-Qn for a quarter, rolling-30d for a rolling window.'),
  {
    name: 'leadpact_period_start',
    label: 'Period start',
    type: 'date',
    fieldType: 'date',
    description: 'First day of the period.',
  },
  {
    name: 'leadpact_period_end',
    label: 'Period end',
    type: 'date',
    fieldType: 'date',
    description: 'Last day of the period.',
  },
  number('leadpact_mqls', 'MQLs', 'Leads that became marketing-qualified in the period.'),
  number('leadpact_handed_off', 'Handed off', 'Leads handed off to Sales in the period.'),
  number('leadpact_accepted', 'Accepted', 'Of those handed off, accepted by Sales.'),
  number('leadpact_rejected', 'Rejected', 'Of those handed off, rejected by Sales.'),
  number('leadpact_acceptance_rate', 'Acceptance rate (%)', 'Accepted ÷ handed off, in percent.'),
  number('leadpact_wastage_rate', 'Wastage rate (%)', '1 − accepted ÷ qualified, in percent.'),
  number('leadpact_sla_compliance', 'SLA compliance (%)', 'Acceptance SLAs met ÷ settled, in percent.'),
  number('leadpact_not_pursued_rate', 'Not pursued (%)', 'Hand-offs neither touched nor rejected in time, in percent.'),
  number('leadpact_feedback_coverage', 'Feedback coverage (%)', 'Rejections with a valid agreed code, in percent.'),
  number(
    'leadpact_median_time_to_accept_min',
    'Median time to accept (business minutes)',
    'Median business minutes from hand-off to acceptance.',
  ),
  text(
    'leadpact_targets',
    'Targets',
    "The campaign's figures against the targets of the protocol: how many are met, and each one off target.",
  ),
  text('leadpact_top_rejection_code', 'Top rejection reason', 'The most frequent rejection code of the period.'),
  number(
    'leadpact_sleeping_leads',
    'Sleeping leads',
    'Accepted or working leads gone quiet, plus dormant ones, when computed.',
  ),
  number('leadpact_won', 'Won', 'Leads closed won in the period.'),
  number(
    'leadpact_mql_revenue',
    'Revenue from MQLs',
    'Amount won in the period by leads that were marketing-qualified.',
  ),
  {
    name: 'leadpact_computed_at',
    label: 'Computed at',
    type: 'datetime',
    fieldType: 'date',
    description: 'When leadpact computed these numbers.',
  },
];

export const CAMPAIGN_METRICS_SCHEMA: HubSpotCustomObjectSpec = {
  name: CAMPAIGN_METRICS_OBJECT,
  labels: { singular: 'Campaign lead metrics', plural: 'Campaign lead metrics' },
  primaryDisplayProperty: 'leadpact_name',
  secondaryDisplayProperties: ['leadpact_period', 'leadpact_acceptance_rate'],
  searchableProperties: ['leadpact_name', 'leadpact_campaign', 'leadpact_period'],
  requiredProperties: [METRIC_KEY_PROPERTY, 'leadpact_name'],
  properties: CAMPAIGN_METRICS_PROPERTIES,
  associatedObjects: [],
};
