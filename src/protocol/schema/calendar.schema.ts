import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isoDateSchema } from './common.schema';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working time within one day, in minutes after local midnight; `to` may be 1440 (24:00). */
export interface DayRange {
  readonly from: number;
  readonly to: number;
}

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const rangeSchema = z
  .string()
  .regex(RANGE, 'expected working hours as "HH:MM-HH:MM", e.g. "09:00-17:30"')
  .transform((text): DayRange => {
    const [from = '', to = ''] = text.split('-');
    return { from: minutesOf(from), to: minutesOf(to) };
  })
  .refine((range) => range.from < range.to, 'the end of a working period must come after its start');

const dayHoursSchema = z
  .array(rangeSchema)
  .superRefine((ranges, ctx) => {
    const sorted = [...ranges].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i += 1) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous !== undefined && current !== undefined && current.from < previous.to) {
        ctx.addIssue({ code: 'custom', message: 'working periods of one day overlap' });
      }
    }
  })
  .transform((ranges) => [...ranges].sort((a, b) => a.from - b.from));

const weekHoursSchema = z
  .strictObject({
    mon: dayHoursSchema.optional(),
    tue: dayHoursSchema.optional(),
    wed: dayHoursSchema.optional(),
    thu: dayHoursSchema.optional(),
    fri: dayHoursSchema.optional(),
    sat: dayHoursSchema.optional(),
    sun: dayHoursSchema.optional(),
  })
  .refine(
    (week) => WEEKDAYS.some((day) => (week[day]?.length ?? 0) > 0),
    'a calendar needs working hours on at least one weekday',
  );

/** A business-hours calendar: the SLA clocks only run inside its working hours. */
export const calendarSchema = z.strictObject({
  /** An IANA time zone (America/New_York); offsets and daylight saving come from the tz database. */
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone (e.g. "Europe/Berlin")'),
  hours: weekHoursSchema,
  /** Local dates on which the clock does not run. */
  holidays: z.array(isoDateSchema).default([]),
});

export const calendarsSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'expected a lower-case calendar name such as "emea"'),
    calendarSchema,
  )
  .refine((calendars) => Object.keys(calendars).length > 0, 'at least one calendar is needed');

export type Calendar = z.output<typeof calendarSchema>;
