import { z } from 'zod';

/** How often the two teams meet; monthly by default, as the research found most effective (003:847). */
export const CADENCES = ['weekly', 'fortnightly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** The average days between two meetings of each cadence (a month is 365.25 ÷ 12 days). */
export const CADENCE_DAYS: Readonly<Record<Cadence, number>> = {
  weekly: 7,
  fortnightly: 14,
  monthly: 30.4375,
  quarterly: 91.3125,
};

export const meetingsSchema = z.strictObject({
  cadence: z.enum(CADENCES).default('monthly'),
});

export type MeetingSettings = z.output<typeof meetingsSchema>;
