import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import {
  observedIndexOf,
  resolvePeriod,
  summariseDiagnostic,
  type AggregateSet,
  type AlignmentGauges,
  type MetricThresholds,
} from '../metrics';
import { loadResponses, loadStatements } from '../store/metrics/diagnostic-repository';
import { computeAggregates, refreshAggregates } from '../store/metrics/aggregate-repository';
import { publishAggregates, type CampaignFieldWriter, type PublishReport } from './write-back-metrics';
import { DEFAULT_NOT_PURSUED_DAYS, reportThresholds } from './report';
import type { Protocol } from '../protocol';
import type { Clock } from '../shared/clock';
import { ConfigError } from '../shared/errors';
import type { SalesforceId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { Db } from '../store';

/** How often the pipeline runs the job unless told otherwise: the numbers are about days and weeks. */
export const DEFAULT_METRICS_EVERY_MS = 86_400_000;

export interface MetricsJobSettings {
  /** The periods computed, stored, gauged and written, as period specs. */
  readonly periods: readonly string[];
  /**
   * The period the Salesforce Campaign fields keep. A Campaign holds one set of numbers, so every
   * period is written and this one last; its Leadpact_Metrics_Period__c says which it is. HubSpot
   * keeps one record per campaign and period, so it holds them all.
   */
  readonly salesforcePeriod: string;
  /** The not-pursued window, in days: the scorecard's own default, so the CRMs and `leadpact report` agree. */
  readonly notPursuedDays: number;
  /** Where calendar periods start and end. */
  readonly timeZone: string;
  /** How far back relationship diagnostic answers count for the belief gauges (the scorecard's window). */
  readonly diagnosticWindowDays: number;
}

export const DEFAULT_METRICS_SETTINGS: MetricsJobSettings = {
  periods: ['30d', 'calendar-month'],
  salesforcePeriod: '30d',
  notPursuedDays: DEFAULT_NOT_PURSUED_DAYS,
  timeZone: 'UTC',
  diagnosticWindowDays: 365,
};

export interface MetricsJobDeps {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Left out when the deployment writes nothing to Salesforce. */
  readonly salesforce?: Pick<SalesforcePort, 'findCampaignIdsByName' | 'update'>;
  /** Left out when the deployment writes nothing to HubSpot (no Enterprise hub for custom objects). */
  readonly hubspot?: Pick<HubSpotPort, 'upsertCampaignMetrics'>;
  /** Created once per process on its registry (createAlignmentGauges); left out, nothing is gauged. */
  readonly gauges?: AlignmentGauges;
  readonly settings?: Partial<MetricsJobSettings>;
}

export interface PeriodPublication {
  readonly spec: string;
  /** The stable period id: rolling-30d, 2026-04. */
  readonly period: string;
  readonly rows: number;
  readonly published: PublishReport;
}

const DAY_MS = 86_400_000;

/**
 * The scheduled write-back of issue 7: each period's aggregates computed from the ledger and
 * stored, set on the Prometheus gauges, then written to the Salesforce Campaign fields and the
 * HubSpot campaign metrics object. Safe to run again at any time: Campaigns are updated by Id
 * and HubSpot records upserted by campaign and period, so a rerun rewrites the same values. A
 * failing CRM call fails the run once every period was tried, so the queue retries it.
 */
export async function publishMetrics(deps: MetricsJobDeps): Promise<readonly PeriodPublication[]> {
  const settings = { ...DEFAULT_METRICS_SETTINGS, ...deps.settings };
  const log = deps.logger.child({ module: 'metrics-job' });
  const thresholds = reportThresholds(deps.protocol, settings.notPursuedDays);
  // Absent keys rather than undefined ones (exactOptionalPropertyTypes): a side left out is not written.
  const writers = {
    ...(deps.salesforce === undefined ? {} : { salesforce: campaignWriter(deps.salesforce) }),
    ...(deps.hubspot === undefined ? {} : { hubspot: deps.hubspot }),
  };
  const done: PeriodPublication[] = [];
  let failure: Error | undefined;
  for (const spec of publishingOrder(settings)) {
    const now = deps.clock.now();
    const refreshed = await refreshAggregates(deps.db, { period: spec, thresholds, timeZone: settings.timeZone }, now);
    if (!refreshed.ok)
      throw new ConfigError('CONFIG_INVALID', 'metrics job settings', [{ path: 'periods', message: refreshed.error }]);
    const aggregates = refreshed.value;
    await recordGauges(deps, aggregates, thresholds, settings, now);
    try {
      const previous = await previousAggregates(deps, aggregates, thresholds, settings, now);
      const published = await publishAggregates({
        aggregates,
        ...writers,
        names: deps.protocol.writeBack.campaign,
        targets: deps.protocol.targets,
        ...(previous === undefined ? {} : { previous }),
      });
      done.push({ spec, period: aggregates.period.id, rows: aggregates.rows.length, published });
      log.info({ period: aggregates.period.id, ...summary(published) }, 'alignment metrics published');
      if (published.hubspot.skipped !== undefined)
        log.warn(
          { period: aggregates.period.id },
          `campaign metrics were written to Salesforce only: ${published.hubspot.skipped}`,
        );
    } catch (error) {
      log.error(
        { err: error, period: aggregates.period.id },
        'alignment metrics not published; the run will be retried',
      );
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
  }
  if (failure !== undefined) throw failure;
  return done;
}

/** Every period once, in the order given, the Salesforce period last; a bad spec stops the run before anything is written. */
function publishingOrder(settings: MetricsJobSettings): string[] {
  const specs = [
    ...new Set([...settings.periods.filter((spec) => spec !== settings.salesforcePeriod), settings.salesforcePeriod]),
  ];
  const problems = specs.flatMap((spec, index) => {
    const resolved = resolvePeriod(spec, 0, settings.timeZone);
    return resolved.ok
      ? []
      : [
          {
            path: spec === settings.salesforcePeriod ? 'salesforcePeriod' : `periods[${index}]`,
            message: resolved.error,
          },
        ];
  });
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', 'metrics job settings', problems);
  return specs;
}

/** The Salesforce side of publishing, with campaign names looked up once a run whatever the number of periods. */
function campaignWriter(port: Pick<SalesforcePort, 'findCampaignIdsByName' | 'update'>): CampaignFieldWriter {
  const known = new Map<string, SalesforceId | null>();
  return {
    async findCampaignIdsByName(names) {
      const missing = names.filter((name) => !known.has(name));
      if (missing.length > 0) {
        const found = await port.findCampaignIdsByName(missing);
        for (const name of missing) known.set(name, found.get(name) ?? null);
      }
      return new Map(
        names.flatMap((name) => {
          const id = known.get(name);
          return id === null || id === undefined ? [] : [[name, id] as const];
        }),
      );
    },
    updateCampaigns: (updates) => port.update('Campaign', updates),
  };
}

/** The period before, for each campaign's trend against its targets; not computed when there is no target. */
async function previousAggregates(
  deps: MetricsJobDeps,
  aggregates: AggregateSet,
  thresholds: MetricThresholds,
  settings: MetricsJobSettings,
  now: number,
): Promise<AggregateSet | undefined> {
  if (Object.keys(deps.protocol.targets).length === 0) return undefined;
  const pair = resolvePeriod(aggregates.period.spec, now, settings.timeZone);
  return pair.ok ? computeAggregates(deps.db, pair.value.previous, thresholds, now) : undefined;
}

async function recordGauges(
  deps: MetricsJobDeps,
  aggregates: AggregateSet,
  thresholds: MetricThresholds,
  settings: MetricsJobSettings,
  now: number,
): Promise<void> {
  if (deps.gauges === undefined) return;
  const overall = (metric: string) => {
    const row = aggregates.rows.find((r) => r.dimension === 'all' && r.metric === metric);
    return { value: row?.value ?? null, denominator: row?.denominator ?? null };
  };
  const bank = await loadStatements(deps.db);
  const responses = await loadResponses(deps.db, now - settings.diagnosticWindowDays * DAY_MS, now);
  deps.gauges.record({
    aggregates,
    observed: observedIndexOf(overall, thresholds.observedIndex),
    diagnostic: summariseDiagnostic(responses, bank.statements),
  });
}

function summary(report: PublishReport): Record<string, unknown> {
  return {
    salesforceWritten: report.salesforce.written,
    salesforceFailed: report.salesforce.failed,
    unresolvedCampaigns: report.salesforce.unresolved,
    hubspotWritten: report.hubspot.written,
    hubspotFailed: report.hubspot.failed,
  };
}
