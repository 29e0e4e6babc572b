import { actionUpdateSchema, meetingInputSchema } from '../metrics/meeting.schema';
import type { Meeting } from '../metrics/meetings';
import { err, ok, type Result } from '../shared/result';
import type { Db, Queryable } from '../store/db';
import { insertMeeting, loadMeetings, updateAction } from '../store/metrics/meeting-repository';

const issuesOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues.map((issue) => `${issue.path.length === 0 ? 'body' : issue.path.join('.')}: ${issue.message}`).join('; ');

/** Records a joint meeting (date, attendees of each team, decisions, action items); what is wrong, in words. */
export async function recordMeeting(db: Db, body: unknown, now: number): Promise<Result<Meeting, string>> {
  const parsed = meetingInputSchema.safeParse(body);
  if (!parsed.success) return err(issuesOf(parsed.error.issues));
  const id = await insertMeeting(db, parsed.data, now);
  const saved = (await loadMeetings(db)).find((meeting) => meeting.id === id);
  return saved === undefined ? err(`meeting ${id} was not found after it was recorded`) : ok(saved);
}

export const meetings = (db: Queryable): Promise<Meeting[]> => loadMeetings(db);

/** Marks an action done or dropped (or open again), on the day given or today. */
export async function followUpAction(
  db: Queryable,
  id: number,
  body: unknown,
  now: number,
): Promise<Result<{ id: number; status: string }, { notFound: boolean; message: string }>> {
  const parsed = actionUpdateSchema.safeParse(body);
  if (!parsed.success) return err({ notFound: false, message: issuesOf(parsed.error.issues) });
  const on = parsed.data.on ?? new Date(now).toISOString().slice(0, 10);
  return (await updateAction(db, id, parsed.data.status, on))
    ? ok({ id, status: parsed.data.status })
    : err({ notFound: true, message: `no action ${id}: GET /admin/meetings lists them with their ids` });
}
