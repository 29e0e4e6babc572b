import type { Queryable } from '../store/db';
import { err, ok, type Result } from '../shared/result';
import { computeAggregates } from '../store/metrics/aggregate-repository';
import type { MetricThresholds } from '../metrics/catalogue';
import { summariseDiagnostic } from '../metrics/diagnostic';
import { loadResponses, loadStatements } from '../store/metrics/diagnostic-repository';
import { resolvePeriod, type Period, type PeriodPair } from '../metrics/period';
import { scorecardModel, type ScorecardData } from '../metrics/scorecard-model';
import { leftBehind, slaTrend, timeToAcceptDistribution } from '../store/metrics/series-query';
import { loadMeetings } from '../store/metrics/meeting-repository';
import { meetingsView } from '../metrics/meetings';
import type { Directory } from '../metrics/record-names';
import { createOwnerNameRepository } from '../store/owner-name-repository';

export interface ReportOptions {
  /** A period spec (see PERIOD_HELP); 30d when absent. */
  readonly period?: string;
  readonly thresholds: MetricThresholds;
  readonly timeZone?: string;
  /** How far back diagnostic answers count (default 365 days). */
  readonly diagnosticWindowDays?: number;
  readonly sliceLimit?: number;
  readonly leftBehindLimit?: number;
  readonly trendWeeks?: number;
}

/** The data of `leadpact report` and of the scorecard page; an unreadable period is an error. */
export async function reportCommandData(
  db: Queryable,
  options: ReportOptions,
  now: number,
): Promise<Result<ScorecardData, string>> {
  const pair = resolvePeriod(options.period ?? '30d', now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  return ok(await scorecardFor(db, pair.value, options, now));
}

/** The current period and the one before it, both complete, for the monthly alignment pack. */
export async function alignmentPackData(
  db: Queryable,
  options: ReportOptions,
  now: number,
): Promise<Result<{ current: ScorecardData; previous: ScorecardData }, string>> {
  const pair = resolvePeriod(options.period ?? 'previous-month', now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  const earlier = pair.value.previous;
  const length = earlier.end - earlier.start;
  const beforeEarlier: Period = {
    spec: earlier.spec,
    id: `${earlier.id}-before`,
    label: 'the period before',
    start: earlier.start - length,
    end: earlier.start,
  };
  const current = await scorecardFor(db, pair.value, options, now);
  // Beliefs as they stood when the reviewed period began, against beliefs now.
  const previous = await scorecardFor(
    db,
    { current: earlier, previous: beforeEarlier },
    options,
    now,
    pair.value.current.start,
  );
  return ok({ current, previous });
}

const DAY_MS = 86_400_000;

/**
 * The scorecard of one period. Diagnostic answers count up to `beliefsAsOf` (default now, since
 * people answer just before the meeting that reviews a finished period), latest per respondent.
 */
async function scorecardFor(
  db: Queryable,
  pair: PeriodPair,
  options: ReportOptions,
  now: number,
  beliefsAsOf = now,
): Promise<ScorecardData> {
  const timeZone = options.timeZone ?? 'UTC';
  return scorecardModel({
    generatedAt: now,
    timeZone,
    periods: pair,
    thresholds: options.thresholds,
    current: await computeAggregates(db, pair.current, options.thresholds, now),
    previous: await computeAggregates(db, pair.previous, options.thresholds, now),
    sliceLimit: options.sliceLimit ?? 50,
    slaTrend: await slaTrend(db, pair.current, options.trendWeeks ?? 12, timeZone),
    timeToAccept: await timeToAcceptDistribution(db, pair.current),
    diagnostic: await beliefs(db, beliefsAsOf, options.diagnosticWindowDays ?? 365),
    leftBehind: await leftBehind(db, options.thresholds, now, options.leftBehindLimit ?? 25),
    meetings: meetingsView(await loadMeetings(db), pair.current, options.thresholds.cadence ?? 'monthly', now),
    directory: await directory(db),
  });
}

/** Owner names and the org's URL as the workers last stored them: the page and the report call no CRM. */
async function directory(db: Queryable): Promise<Directory> {
  const repository = createOwnerNameRepository(db);
  const [owners, instanceUrl] = await Promise.all([repository.all(), repository.instanceUrl()]);
  return { owners: new Map(owners.map((owner) => [owner.id, owner])), instanceUrl };
}

async function beliefs(db: Queryable, asOf: number, windowDays: number): Promise<ScorecardData['diagnostic']> {
  const bank = await loadStatements(db);
  const responses = await loadResponses(db, asOf - windowDays * DAY_MS, asOf);
  return { ...summariseDiagnostic(responses, bank.statements), bankEdited: bank.edited };
}
