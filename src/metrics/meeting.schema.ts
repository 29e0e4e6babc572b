import { z } from 'zod';
import { ACTION_STATUSES } from './meetings';

const day = z.iso.date('a date as YYYY-MM-DD');
const person = z.string().trim().min(1).max(120);

/** POST /admin/meetings, and the scorecard page's form once read: a joint meeting needs both teams. */
export const meetingInputSchema = z.strictObject({
  heldOn: day,
  attendees: z.strictObject({
    marketing: z.array(person).min(1, 'a joint meeting needs someone from Marketing').max(50),
    sales: z.array(person).min(1, 'a joint meeting needs someone from Sales').max(50),
  }),
  decisions: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  actions: z
    .array(z.strictObject({ text: z.string().trim().min(1).max(500), owner: person, dueOn: day }))
    .max(50)
    .default([]),
});
export type MeetingInput = z.output<typeof meetingInputSchema>;

/** POST /admin/meetings/actions/:id: an action closed as done or dropped (or opened again). */
export const actionUpdateSchema = z.strictObject({
  status: z.enum(ACTION_STATUSES),
  /** When it was closed; today when left out. */
  on: day.optional(),
});

const lines = (text: unknown): string[] =>
  typeof text === 'string'
    ? text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
    : [];
const names = (text: unknown): string[] =>
  typeof text === 'string'
    ? text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '')
    : [];

/**
 * The scorecard page's form, as the input the API takes: attendees separated by commas, one decision
 * a line, one action a line as "what | owner | YYYY-MM-DD". Parse the result with meetingInputSchema.
 */
export function meetingFromForm(form: unknown): unknown {
  if (typeof form !== 'object' || form === null) return form;
  const fields = form as Record<string, unknown>;
  return {
    heldOn: fields.heldOn,
    attendees: { marketing: names(fields.marketing), sales: names(fields.sales) },
    decisions: lines(fields.decisions),
    actions: lines(fields.actions).map((line) => {
      const [text, owner, dueOn] = line.split('|').map((part) => part.trim());
      return { text, owner, dueOn };
    }),
  };
}
