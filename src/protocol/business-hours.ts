import { DateTime } from 'luxon';
import { WEEKDAYS, type Calendar } from './schema/calendar.schema';
import { MINUTE_MS } from './values';

/** Three years: any calendar with working hours on one weekday opens again long before. */
const MAX_DAYS = 3 * 366;

interface Interval {
  readonly start: number;
  readonly end: number;
}

const holidaySets = new WeakMap<Calendar, ReadonlySet<string>>();

function holidaysOf(calendar: Calendar): ReadonlySet<string> {
  let set = holidaySets.get(calendar);
  if (set === undefined) {
    set = new Set(calendar.holidays);
    holidaySets.set(calendar, set);
  }
  return set;
}

/** A calendar day in the calendar's zone: when it starts and ends, and its date. */
interface LocalDay {
  readonly start: number;
  readonly next: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  readonly iso: string;
}

/** Every zone offset is a multiple of 15 minutes, so all instants of a 15-minute UTC slot share a local day. */
const SLOT_MS = 15 * MINUTE_MS;
const SLOTS_CACHED = 100_000;
const dayCache = new WeakMap<Calendar, Map<number, LocalDay>>();

/**
 * The local day an instant falls in. Finding it goes through the tz database, the costly part of
 * this arithmetic, so it is remembered per 15-minute slot; a day's working periods likewise.
 */
function localDay(instant: number, calendar: Calendar): LocalDay {
  let cache = dayCache.get(calendar);
  if (cache === undefined) {
    cache = new Map();
    dayCache.set(calendar, cache);
  }
  const slot = Math.floor(instant / SLOT_MS);
  let day = cache.get(slot);
  if (day === undefined) {
    const start = DateTime.fromMillis(instant, { zone: calendar.timeZone }).startOf('day');
    day = {
      start: start.toMillis(),
      next: start.plus({ days: 1 }).startOf('day').toMillis(),
      year: start.year,
      month: start.month,
      day: start.day,
      weekday: start.weekday,
      iso: start.toISODate() ?? '',
    };
    if (cache.size >= SLOTS_CACHED) cache.clear();
    cache.set(slot, day);
  }
  return day;
}

/**
 * Wall-clock minutes after local midnight become instants through the tz database, so a working
 * period that spans a daylight-saving change lasts the real time between its two wall-clock ends:
 * 01:00-04:00 on the spring-forward night is two real hours, and a time that does not exist that
 * night moves forward as the clocks did.
 */
function wallClock(day: LocalDay, minutes: number, calendar: Calendar): number {
  if (minutes >= 1440) return day.next;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: calendar.timeZone },
  ).toMillis();
}

const intervalCache = new WeakMap<Calendar, Map<string, readonly Interval[]>>();
/** Days remembered per calendar; a few years of days is a few thousand small entries. */
const CACHE_DAYS = 4_096;

/** A day's working periods as instants, computed once per calendar and day. */
function workingIntervals(day: LocalDay, calendar: Calendar): readonly Interval[] {
  let cache = intervalCache.get(calendar);
  if (cache === undefined) {
    cache = new Map();
    intervalCache.set(calendar, cache);
  }
  let intervals = cache.get(day.iso);
  if (intervals === undefined) {
    intervals = computeIntervals(day, calendar);
    if (cache.size >= CACHE_DAYS) cache.clear();
    cache.set(day.iso, intervals);
  }
  return intervals;
}

function computeIntervals(day: LocalDay, calendar: Calendar): Interval[] {
  if (holidaysOf(calendar).has(day.iso)) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  const ranges = weekday === undefined ? [] : (calendar.hours[weekday] ?? []);
  return ranges
    .map((range) => ({ start: wallClock(day, range.from, calendar), end: wallClock(day, range.to, calendar) }))
    .filter((interval) => interval.end > interval.start);
}

/**
 * The instant `minutes` business minutes after `start` in the calendar's time zone, skipping
 * nights, weekends and holidays. With minutes > 0 the result always lies inside a working period
 * (its end included: 4 business hours from 13:00 on a 09:00-17:00 day is 17:00, not 09:00 next day).
 */
export function addBusinessMinutes(start: number, minutes: number, calendar: Calendar): number {
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`business minutes must be a finite number >= 0, got ${minutes}`);
  let remaining = minutes * MINUTE_MS;
  let day = localDay(start, calendar);
  for (let count = 0; count < MAX_DAYS; count += 1, day = localDay(day.next, calendar)) {
    for (const interval of workingIntervals(day, calendar)) {
      if (interval.end <= start) continue;
      const from = Math.max(interval.start, start);
      const available = interval.end - from;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw new RangeError(`calendar ${calendar.timeZone} has no working time within ${MAX_DAYS} days`);
}

/**
 * Business minutes elapsed from `a` to `b` (negative when b is before a), so that elapsed time
 * over consecutive intervals adds up: between(a, b) + between(b, c) = between(a, c).
 */
export function businessMinutesBetween(a: number, b: number, calendar: Calendar): number {
  if (b < a) return -businessMinutesBetween(b, a, calendar);
  let total = 0;
  for (let day = localDay(a, calendar); day.start < b; day = localDay(day.next, calendar)) {
    for (const interval of workingIntervals(day, calendar)) {
      const overlap = Math.min(interval.end, b) - Math.max(interval.start, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/** Whether an instant lies within a working period of the calendar, both ends included. */
export function isWorkingInstant(instant: number, calendar: Calendar): boolean {
  // The day before counts too: a period that ends at 24:00 ends at this day's midnight.
  const days = [localDay(instant, calendar), localDay(instant - 1, calendar)];
  return days.some((day) =>
    workingIntervals(day, calendar).some((interval) => instant >= interval.start && instant <= interval.end),
  );
}
