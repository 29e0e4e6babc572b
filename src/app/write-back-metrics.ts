import { LeadpactError } from '../shared/errors';
import type { SalesforceUpdate } from '../shared/field-specs';
import type { WriteOutcome } from '../shared/crm-port';
import type { SalesforceId } from '../shared/ids';
import type { AggregateSet } from '../metrics/aggregate-set';
import {
  campaignMetricsRecords,
  campaignNumbers,
  campaignTargetsOf,
  campaignUpdates,
  isCampaignId,
  type CampaignMetricsRecord,
} from '../metrics/writeback-mapping';
import type { Targets } from '../protocol';
import { DEFAULT_CAMPAIGN_FIELDS, type CampaignFieldNames } from '../metrics/writeback-spec';

/** The Salesforce operations publishing needs; the Salesforce connector implements them. */
export interface CampaignFieldWriter {
  /** Campaign Ids for these names (SOQL on Campaign.Name); a name with no Campaign is absent. */
  findCampaignIdsByName(names: readonly string[]): Promise<ReadonlyMap<string, SalesforceId>>;
  /** sObject Collections update of Campaigns, at most 200 a call, one outcome per input in order. */
  updateCampaigns(updates: readonly SalesforceUpdate[]): Promise<readonly WriteOutcome<SalesforceId>[]>;
}

/** The HubSpot operation publishing needs: batch upsert of the custom object by its unique key. */
export interface CampaignMetricsWriter {
  /** At most 100 records a call, one outcome per input in order. */
  upsertCampaignMetrics(records: readonly CampaignMetricsRecord[]): Promise<readonly WriteOutcome<string>[]>;
}

export interface PublishDeps {
  readonly aggregates: AggregateSet;
  /** Either side may be left out (a deployment with one CRM, or a side switched off). */
  readonly salesforce?: CampaignFieldWriter;
  readonly hubspot?: CampaignMetricsWriter;
  /** The four configurable Campaign field names (protocol write-back section); defaults from DESIGN.md. */
  readonly names?: CampaignFieldNames;
  /** The protocol's targets: each campaign's figures are written against them, with the trend on `previous`. */
  readonly targets?: Targets;
  readonly previous?: AggregateSet;
}

export interface PublishFailure {
  readonly campaign: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface SideReport {
  readonly written: number;
  readonly calls: number;
  readonly failed: readonly PublishFailure[];
}

export interface PublishReport {
  readonly salesforce: SideReport & { readonly unresolved: readonly string[] };
  /** `skipped` says why nothing went to HubSpot when the portal has no campaign metrics object. */
  readonly hubspot: SideReport & { readonly skipped?: string };
}

// sObject Collections take 200 records a request; HubSpot batch endpoints take 100 inputs.
export const SALESFORCE_BATCH = 200;
export const HUBSPOT_BATCH = 100;

const NOTHING: SideReport = { written: 0, calls: 0, failed: [] };

/**
 * Writes one period's campaign aggregates to both CRMs in the largest batches each allows.
 * Records refused by a CRM are reported, not thrown; a failing call (rate limit, outage) throws,
 * and running again is safe: updates by Id and upserts by key write the same values twice.
 * Campaigns with no lead in the period are not written, and keep the numbers of the period named
 * in their Leadpact_Metrics_Period__c.
 */
export async function publishAggregates(deps: PublishDeps): Promise<PublishReport> {
  const names = deps.names ?? DEFAULT_CAMPAIGN_FIELDS;
  const byName =
    deps.salesforce === undefined
      ? new Map<string, SalesforceId>()
      : await resolveNames(deps.salesforce, deps.aggregates);
  const targetsOf = campaignTargetsOf(deps.aggregates, deps.previous, deps.targets);
  let salesforce: PublishReport['salesforce'] = { ...NOTHING, unresolved: [] };
  if (deps.salesforce !== undefined) {
    const writer = deps.salesforce;
    const { updates, unresolved } = campaignUpdates(deps.aggregates, byName, names, targetsOf);
    const sent = await inBatches(
      updates,
      SALESFORCE_BATCH,
      (batch) => writer.updateCampaigns(batch),
      (u) => u.id,
    );
    salesforce = { ...sent, unresolved };
  }
  const writer = deps.hubspot;
  const hubspot =
    writer === undefined
      ? NOTHING
      : await hubspotSide(writer, campaignMetricsRecords(deps.aggregates, byName, targetsOf));
  return { salesforce, hubspot };
}

/**
 * A portal without the custom object (below Enterprise, or never provisioned) keeps the metrics in
 * Salesforce only, as `leadpact provision` said it would: a skip to report, not a failure to retry
 * every day into the dead letters.
 */
async function hubspotSide(
  writer: CampaignMetricsWriter,
  records: readonly CampaignMetricsRecord[],
): Promise<PublishReport['hubspot']> {
  try {
    return await inBatches(
      records,
      HUBSPOT_BATCH,
      (batch) => writer.upsertCampaignMetrics(batch),
      (r) => r.id,
    );
  } catch (error) {
    if (error instanceof LeadpactError && typeof error.context['missingObject'] === 'string')
      return { ...NOTHING, skipped: error.message };
    throw error;
  }
}

async function resolveNames(
  writer: CampaignFieldWriter,
  set: AggregateSet,
): Promise<ReadonlyMap<string, SalesforceId>> {
  const names = campaignNumbers(set)
    .map((c) => c.key)
    .filter((key) => !isCampaignId(key));
  return names.length === 0 ? new Map() : writer.findCampaignIdsByName(names);
}

async function inBatches<T, Id extends string>(
  items: readonly T[],
  size: number,
  send: (batch: readonly T[]) => Promise<readonly WriteOutcome<Id>[]>,
  label: (item: T) => string,
): Promise<SideReport> {
  let written = 0;
  let calls = 0;
  const failed: PublishFailure[] = [];
  for (let offset = 0; offset < items.length; offset += size) {
    const batch = items.slice(offset, offset + size);
    const outcomes = await send(batch);
    calls += 1;
    batch.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok === true) written += 1;
      else
        failed.push({
          campaign: label(item),
          code: outcome?.code ?? 'NO_OUTCOME',
          message: outcome?.message ?? 'the CRM returned no outcome for this record',
          retryable: outcome?.retryable ?? true,
        });
    });
  }
  return { written, calls, failed };
}
