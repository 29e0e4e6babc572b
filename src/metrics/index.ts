/**
 * Alignment metrics, the relationship diagnostic and the scorecard: what the rest of leadpact
 * (the CLI, the service, the scheduled jobs) uses of src/metrics.
 */
export { findAggregate, type AggregateSet } from './aggregate-set';
export {
  DIMENSIONS,
  METRICS,
  METRIC_IDS,
  type Aggregate,
  type Dimension,
  type MetricId,
  type MetricThresholds,
} from './catalogue';
export { DEFAULT_STATEMENTS, type Statement } from './diagnostic-bank';
export {
  BAND_RANGES,
  bandOf,
  summariseDiagnostic,
  type Band,
  type DiagnosticResponse,
  type DiagnosticSummary,
} from './diagnostic';
export { observedIndex, observedIndexOf, type ObservedIndex } from './observed-index';
export { PERIOD_HELP, resolvePeriod, type Period, type PeriodPair } from './period';
export { createAlignmentGauges, type AlignmentGauges } from './prometheus';
export { renderAlignmentPack, type PackFormat } from './render-pack';
export { renderScorecard, type HtmlOptions, type ScorecardFormat } from './render-scorecard';
export type { Bucket, LeftBehindLead, LeftBehindReason, SlaWeek } from './series';
export { scorecardModel, type ScorecardData, type ScorecardInputs } from './scorecard-model';
export { campaignMetricsRecords, campaignUpdates, isCampaignId, type CampaignMetricsRecord } from './writeback-mapping';
export {
  CAMPAIGN_METRICS_OBJECT,
  CAMPAIGN_METRICS_SCHEMA,
  DEFAULT_CAMPAIGN_FIELDS,
  EXTRA_CAMPAIGN_FIELDS,
  METRIC_KEY_PROPERTY,
  campaignFieldSpecs,
  type CampaignFieldNames,
  type HubSpotCustomObjectSpec,
} from './writeback-spec';
