import { DateTime } from 'luxon';
import { err, ok, type Result } from '../shared/result';

/** A span of time [start, end) over which cohorts are counted; instants are epoch milliseconds. */
export interface Period {
  /** What was asked for: `30d`, `calendar-month`, `2026-03`... */
  readonly spec: string;
  /**
   * Stable name of the span for records kept per period: `2026-03`, `2026-Q1` (a month to date
   * has its month's id, so its record fills up as the month goes on), `rolling-30d`.
   */
  readonly id: string;
  /** How people read it: "last 30 days to 31 Mar 2026", "March 2026 (to date)". */
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

export interface PeriodPair {
  readonly current: Period;
  /** The span the current one is compared with: the same length just before it. */
  readonly previous: Period;
}

const DAY_MS = 86_400_000;
const ROLLING = /^([1-9][0-9]{0,2})([dw])$/;
const NAMED_MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;
const NAMED_QUARTER = /^([0-9]{4})-Q([1-4])$/;

export const PERIOD_HELP =
  'Nd or Nw (rolling, e.g. 30d, 12w), calendar-month, previous-month, calendar-quarter, previous-quarter, YYYY-MM, ' +
  'YYYY-Qn, or FROM/TO (dates or ISO 8601 instants)';

/**
 * Resolves a period spec at `now` in `timeZone` (calendar periods start at local midnight).
 * Calendar periods that contain `now` run "to date", and are compared with the same number of
 * days at the start of the period before, so a half month is never set against a whole one.
 */
export function resolvePeriod(spec: string, now: number, timeZone = 'UTC'): Result<PeriodPair, string> {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  if (!local.isValid) return err(`unknown time zone "${timeZone}"`);
  const rolling = ROLLING.exec(spec);
  if (rolling !== null) return ok(rollingPair(spec, Number(rolling[1]) * (rolling[2] === 'w' ? 7 : 1), now, local));
  if (spec.includes('/')) return spanPair(spec, timeZone);
  const calendar = calendarStart(spec, local);
  if (calendar === undefined) return err(`unknown period "${spec}": use ${PERIOD_HELP}`);
  return ok(calendarPair(spec, calendar.start, calendar.unit, now));
}

function rollingPair(spec: string, days: number, now: number, local: DateTime): PeriodPair {
  const start = now - days * DAY_MS;
  const to = local.toFormat('d LLL yyyy');
  return {
    current: { spec, id: `rolling-${days}d`, label: `last ${days} days to ${to}`, start, end: now },
    previous: {
      spec,
      id: `rolling-${days}d-before`,
      label: `the ${days} days before`,
      start: start - days * DAY_MS,
      end: start,
    },
  };
}

/** An instant, or a date (its start in `timeZone`; with `endOfDay`, the start of the day after). */
function boundary(text: string, timeZone: string, endOfDay: boolean): number | undefined {
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone: timeZone });
    return day.isValid ? (endOfDay ? day.plus({ days: 1 }) : day).toMillis() : undefined;
  }
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T/.test(text)) return undefined;
  const instant = DateTime.fromISO(text, { zone: timeZone });
  return instant.isValid ? instant.toMillis() : undefined;
}

/**
 * An explicit span, FROM/TO (ISO 8601's interval form): dates count whole days, TO's included;
 * instants count to the millisecond, so a scorecard printed for a span can be printed again.
 */
function spanPair(spec: string, timeZone: string): Result<PeriodPair, string> {
  const [fromText = '', toText = '', ...rest] = spec.split('/');
  const start = boundary(fromText, timeZone, false);
  const end = boundary(toText, timeZone, true);
  if (rest.length > 0 || start === undefined || end === undefined)
    return err(`unknown period "${spec}": FROM/TO takes two dates (2026-03-01) or ISO 8601 instants`);
  if (end <= start) return err(`the period "${spec}" ends before it starts`);
  // A boundary at midnight is a day: the end's day is the one before it (the span includes it).
  const shown = (instant: number, end: boolean) => {
    const at = DateTime.fromMillis(instant, { zone: timeZone });
    if (at.startOf('day').toMillis() !== instant) return at.toFormat('d LLL yyyy HH:mm');
    return (end ? at.minus({ days: 1 }) : at).toFormat('d LLL yyyy');
  };
  const length = end - start;
  return ok({
    current: { spec, id: spec, label: `${shown(start, false)} to ${shown(end, true)}`, start, end },
    previous: { spec, id: `${spec}-before`, label: 'the same length before', start: start - length, end: start },
  });
}

type Unit = 'month' | 'quarter';

function calendarStart(spec: string, local: DateTime): { start: DateTime; unit: Unit } | undefined {
  const month = NAMED_MONTH.exec(spec);
  if (month !== null)
    return {
      start: local.set({ year: Number(month[1]), month: Number(month[2]), day: 1 }).startOf('day'),
      unit: 'month',
    };
  const quarter = NAMED_QUARTER.exec(spec);
  if (quarter !== null) {
    return {
      start: local.set({ year: Number(quarter[1]), month: (Number(quarter[2]) - 1) * 3 + 1, day: 1 }).startOf('day'),
      unit: 'quarter',
    };
  }
  switch (spec) {
    case 'calendar-month':
      return { start: local.startOf('month'), unit: 'month' };
    case 'previous-month':
      return { start: local.startOf('month').minus({ months: 1 }), unit: 'month' };
    case 'calendar-quarter':
      return { start: local.startOf('quarter'), unit: 'quarter' };
    case 'previous-quarter':
      return { start: local.startOf('quarter').minus({ quarters: 1 }), unit: 'quarter' };
    default:
      return undefined;
  }
}

function calendarPair(spec: string, start: DateTime, unit: Unit, now: number): PeriodPair {
  const fullEnd = start.plus(unit === 'month' ? { months: 1 } : { quarters: 1 });
  const toDate = fullEnd.toMillis() > now && start.toMillis() <= now;
  const end = toDate ? now : fullEnd.toMillis();
  const previousStart = start.minus(unit === 'month' ? { months: 1 } : { quarters: 1 });
  const previousEnd = toDate
    ? Math.min(previousStart.toMillis() + (end - start.toMillis()), start.toMillis())
    : start.toMillis();
  return {
    current: {
      spec,
      id: calendarId(start, unit),
      label: `${calendarName(start, unit)}${toDate ? ' (to date)' : ''}`,
      start: start.toMillis(),
      end,
    },
    previous: {
      spec,
      id: `${calendarId(previousStart, unit)}${toDate ? '-same-days' : ''}`,
      label: `${calendarName(previousStart, unit)}${toDate ? ' (same days)' : ''}`,
      start: previousStart.toMillis(),
      end: previousEnd,
    },
  };
}

function calendarId(start: DateTime, unit: Unit): string {
  return unit === 'month' ? start.toFormat('yyyy-LL') : `${start.year}-Q${start.quarter}`;
}

function calendarName(start: DateTime, unit: Unit): string {
  return unit === 'month' ? start.toFormat('LLLL yyyy') : `Q${start.quarter} ${start.year}`;
}
