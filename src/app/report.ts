import { renderAlignmentPack, renderScorecard, type MetricThresholds } from '../metrics';
import { alignmentPackData, reportCommandData } from './scorecard-data';
import type { Protocol } from '../protocol';
import { err, ok, type Result } from '../shared/result';
import type { Queryable } from '../store';
import { DEFAULT_NOT_PURSUED_DAYS } from './report-defaults';

export { DEFAULT_NOT_PURSUED_DAYS };

/** The thresholds the scorecard needs, from the protocol that judged the leads. */
export function reportThresholds(protocol: Protocol, notPursuedDays = DEFAULT_NOT_PURSUED_DAYS): MetricThresholds {
  return {
    dormancyDays: protocol.dormancy.afterDays,
    notPursuedDays,
    observedIndex: protocol.observedIndex,
    targets: protocol.targets,
    cadence: protocol.meetings.cadence,
  };
}

export const SCORECARD_FORMATS = ['text', 'json', 'html'] as const;
export const PACK_FORMATS = ['html', 'markdown'] as const;

export type ReportRequest =
  | {
      readonly kind: 'scorecard';
      readonly format: (typeof SCORECARD_FORMATS)[number];
      readonly period: string | undefined;
    }
  /** The monthly alignment pack: the period against the one before it (default the previous month). */
  | { readonly kind: 'pack'; readonly format: (typeof PACK_FORMATS)[number]; readonly period: string | undefined };

export interface ReportSettings {
  readonly thresholds: MetricThresholds;
  readonly timeZone: string;
}

/** The scorecard or the alignment pack as text to print; an unreadable period is an error in words. */
export async function renderReport(
  db: Queryable,
  request: ReportRequest,
  settings: ReportSettings,
  now: number,
): Promise<Result<string, string>> {
  const options = {
    thresholds: settings.thresholds,
    timeZone: settings.timeZone,
    ...(request.period === undefined ? {} : { period: request.period }),
  };
  if (request.kind === 'pack') {
    const data = await alignmentPackData(db, options, now);
    return data.ok ? ok(renderAlignmentPack(data.value.current, data.value.previous, request.format)) : err(data.error);
  }
  const data = await reportCommandData(db, options, now);
  return data.ok ? ok(renderScorecard(data.value, request.format)) : err(data.error);
}
