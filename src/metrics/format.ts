import { DateTime } from 'luxon';
import { definitionOf, METRICS, type MetricId, type MetricKind } from './catalogue';
import type { MetricValue } from './scorecard-model';

const INTEGER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Business minutes as people say them: "45 min", "6.5 h" (business hours, not clock hours). */
export function formatMinutes(minutes: number): string {
  return minutes < 60 ? `${INTEGER.format(minutes)} min` : `${ONE_DECIMAL.format(minutes / 60)} h`;
}

export function formatKind(kind: MetricKind, value: number | null): string {
  if (value === null) return '–';
  switch (kind) {
    case 'rate':
      return `${ONE_DECIMAL.format(value * 100)} %`;
    case 'minutes':
      return formatMinutes(value);
    case 'days':
      return `${ONE_DECIMAL.format(value)} d`;
    case 'count':
    case 'money':
      return INTEGER.format(value);
  }
}

export function formatMetric(metric: string, value: number | null): string {
  return formatKind(definitionOf(metric).kind, value);
}

/** "6 of 10" for a rate, "n = 6" for a median; what the value was computed from. */
export function formatParts(metric: string, parts: MetricValue): string {
  const { kind } = definitionOf(metric);
  switch (kind) {
    case 'rate':
      return `${INTEGER.format(parts.numerator ?? 0)} of ${INTEGER.format(parts.denominator ?? 0)}`;
    case 'minutes':
    case 'days':
      return `n = ${INTEGER.format(parts.denominator ?? 0)}`;
    case 'money':
      return `${INTEGER.format(parts.denominator ?? 0)} deals`;
    case 'count':
      return '';
  }
}

export type Direction = 'better' | 'worse' | 'same' | 'unknown';

export interface Change {
  readonly metric: MetricId;
  readonly label: string;
  readonly current: number | null;
  readonly previous: number | null;
  /** "+5.0 pts", "−12 %", "+30 min"; empty when either side is missing. */
  readonly text: string;
  readonly direction: Direction;
  /** How big the change is, comparable across metrics (points for rates, relative change else). */
  readonly size: number;
}

/** Below these a change is noise in a monthly meeting: 2 points of a rate, 10 % of anything else. */
const RATE_POINTS = 0.02;
const RELATIVE = 0.1;

export function compareMetric(metric: MetricId, current: number | null, previous: number | null): Change {
  const { label, kind, better } = METRICS[metric];
  const base = { metric, label, current, previous };
  if (current === null || previous === null) return { ...base, text: '', direction: 'unknown', size: 0 };
  const delta = current - previous;
  const size =
    kind === 'rate'
      ? Math.abs(delta) / RATE_POINTS
      : previous === 0
        ? delta === 0
          ? 0
          : Infinity
        : Math.abs(delta / previous) / RELATIVE;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const text =
    kind === 'rate'
      ? `${sign}${ONE_DECIMAL.format(Math.abs(delta) * 100)} pts`
      : `${sign}${formatKind(kind, Math.abs(delta))}`;
  if (size < 1 || better === 'neutral') return { ...base, text, direction: 'same', size };
  const up = delta > 0;
  return { ...base, text, direction: up === (better === 'higher') ? 'better' : 'worse', size };
}

export function formatDate(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toFormat('d LLL yyyy');
}

export function formatDateTime(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toFormat("d LLL yyyy, HH:mm '('ZZZZ')'");
}

export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / 86_400_000);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
