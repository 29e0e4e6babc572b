import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addBusinessMinutes, businessMinutesBetween, isWorkingInstant, type Calendar } from '../../../src/protocol';
import { calendarSchema } from '../../../src/protocol/schema/calendar.schema';
import { exampleProtocol } from './fixtures';

const WEEKDAYS = {
  mon: ['09:00-17:00'],
  tue: ['09:00-17:00'],
  wed: ['09:00-17:00'],
  thu: ['09:00-17:00'],
  fri: ['09:00-17:00'],
};
const newYork = calendarSchema.parse({ timeZone: 'America/New_York', hours: WEEKDAYS, holidays: ['2026-07-03'] });
const { calendars } = exampleProtocol();

/** An instant from a wall-clock time in a zone: "2026-03-06T16:00" in New York. */
function at(local: string, zone = 'America/New_York'): number {
  return DateTime.fromISO(local, { zone }).toMillis();
}

function local(instant: number, zone = 'America/New_York'): string {
  return DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ");
}

describe('addBusinessMinutes', () => {
  it.each([
    ['within the day', '2026-06-01T13:00', 240, '2026-06-01T17:00 -04:00'],
    ['over the night', '2026-06-01T16:00', 120, '2026-06-02T10:00 -04:00'],
    ['over the weekend', '2026-06-05T16:00', 120, '2026-06-08T10:00 -04:00'],
    ['from a Saturday', '2026-06-06T10:00', 60, '2026-06-08T10:00 -04:00'],
    ['from before opening', '2026-06-02T06:30', 30, '2026-06-02T09:30 -04:00'],
    ['over a holiday (Independence Day observed, Friday)', '2026-07-02T16:00', 120, '2026-07-06T10:00 -04:00'],
    ['across the spring-forward weekend', '2026-03-06T16:00', 120, '2026-03-09T10:00 -04:00'],
    ['across the fall-back weekend', '2026-10-30T16:00', 120, '2026-11-02T10:00 -05:00'],
    ['several days', '2026-06-01T09:00', 3 * 480 + 30, '2026-06-04T09:30 -04:00'],
  ])('counts %s', (_what, start, minutes, due) => {
    expect(local(addBusinessMinutes(at(start), minutes, newYork))).toBe(due);
  });

  it('gives due times in UTC that plain offset arithmetic gets wrong across daylight saving', () => {
    // Friday 16:00 EST is 21:00Z; two business hours later is Monday 10:00 EDT, 14:00Z (not 15:00Z).
    expect(new Date(addBusinessMinutes(at('2026-03-06T16:00'), 120, newYork)).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  it('counts a working period spanning the change by real time', () => {
    const night = calendarSchema.parse({ timeZone: 'America/New_York', hours: { sun: ['01:00-04:00'] } });
    // 01:00-04:00 on 8 March 2026 lasts two real hours (02:00 does not exist).
    expect(businessMinutesBetween(at('2026-03-08T00:00'), at('2026-03-08T05:00'), night)).toBe(120);
    expect(local(addBusinessMinutes(at('2026-03-08T00:00'), 90, night))).toBe('2026-03-08T03:30 -04:00');
    // On 1 November 2026 the clocks go back at 02:00: 00:30-03:00 lasts three and a half real hours.
    const fallBack = calendarSchema.parse({ timeZone: 'America/New_York', hours: { sun: ['00:30-03:00'] } });
    expect(businessMinutesBetween(at('2026-11-01T00:00'), at('2026-11-01T05:00'), fallBack)).toBe(210);
  });

  it("uses the southern hemisphere's daylight saving in Sydney, and skips the lunch break", () => {
    const sydney = calendars.apac!;
    // Thursday 17:00-17:30 (AEDT), then Good Friday, the weekend (DST ends on Sunday the 5th) and
    // Easter Monday are skipped: the other 30 minutes run on Tuesday the 7th, in AEST.
    expect(local(addBusinessMinutes(at('2026-04-02T17:00', 'Australia/Sydney'), 60, sydney), 'Australia/Sydney')).toBe(
      '2026-04-07T09:30 +10:00',
    );
    expect(local(addBusinessMinutes(at('2026-06-02T12:00', 'Australia/Sydney'), 60, sydney), 'Australia/Sydney')).toBe(
      '2026-06-02T14:00 +10:00',
    );
  });

  it('ends a window exactly at closing time rather than at the next opening', () => {
    expect(isWorkingInstant(addBusinessMinutes(at('2026-06-01T13:00'), 240, newYork), newYork)).toBe(true);
  });

  it('refuses a negative window', () => {
    expect(() => addBusinessMinutes(0, -1, newYork)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it.each([
    ['a working afternoon', '2026-06-01T13:00', '2026-06-01T15:30', 150],
    ['a night', '2026-06-01T17:00', '2026-06-02T09:00', 0],
    ['a weekend', '2026-06-05T16:00', '2026-06-08T10:00', 120],
    ['a holiday', '2026-07-02T09:00', '2026-07-06T09:00', 480],
  ])('counts %s', (_what, from, to, minutes) => {
    expect(businessMinutesBetween(at(from), at(to), newYork)).toBe(minutes);
  });

  it('is negative when the end comes first', () => {
    expect(businessMinutesBetween(at('2026-06-01T15:30'), at('2026-06-01T13:00'), newYork)).toBe(-150);
  });
});

describe('business-hours invariants', () => {
  const ZONES = [
    'America/New_York',
    'Europe/London',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Chatham',
    'UTC',
  ];
  const time = fc
    .integer({ min: 0, max: 47 })
    .map((half) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 === 0 ? '00' : '30'}`);
  const range = fc
    .tuple(time, time)
    .filter(([a, b]) => a < b)
    .map(([a, b]) => `${a}-${b}`);
  const day = fc.option(fc.array(range, { minLength: 1, maxLength: 1 }), { nil: undefined });
  const holiday = fc
    .integer({ min: 0, max: 3 * 365 })
    .map((offset) => DateTime.fromISO('2025-01-01', { zone: 'utc' }).plus({ days: offset }).toISODate() ?? '');
  const generated = fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      hours: fc.record(
        { mon: fc.constant(['09:00-17:00']), tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
        { requiredKeys: ['mon'] },
      ),
      holidays: fc.array(holiday, { maxLength: 20 }),
    })
    .map((raw) => calendarSchema.parse(raw));
  const calendar: fc.Arbitrary<Calendar> = fc.oneof(fc.constantFrom(...Object.values(calendars)), generated);
  // Minute-aligned instants in 2025-2027, which spans several daylight-saving changes everywhere.
  const instant = fc.integer({ min: 29_000_000, max: 30_500_000 }).map((minutes) => minutes * 60_000);
  const minutes = fc.integer({ min: 1, max: 6000 });

  it('puts every due time inside working hours', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, start, window) =>
        isWorkingInstant(addBusinessMinutes(start, window, cal), cal),
      ),
      { numRuns: 300 },
    );
  });

  it('measures exactly the window between a start and its due time', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        (cal, start, window) => businessMinutesBetween(start, addBusinessMinutes(start, window, cal), cal) === window,
      ),
      { numRuns: 300 },
    );
  });

  it('adds elapsed business time over consecutive intervals', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (cal, a, first, second) => {
          const b = a + first * 60_000;
          const c = b + second * 60_000;
          return (
            businessMinutesBetween(a, b, cal) + businessMinutesBetween(b, c, cal) === businessMinutesBetween(a, c, cal)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never gives a later due time for a shorter window', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        minutes,
        (cal, start, x, y) =>
          addBusinessMinutes(start, Math.min(x, y), cal) <= addBusinessMinutes(start, Math.max(x, y), cal),
      ),
      { numRuns: 200 },
    );
  });
});
