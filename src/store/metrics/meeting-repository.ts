import type { Db, Queryable } from '../db';
import type { ActionStatus, Meeting, MeetingAction } from '../../metrics/meetings';
import type { MeetingInput } from '../../metrics/meeting.schema';

interface MeetingRow {
  [column: string]: unknown;
  id: string | number;
  held_on: unknown;
  attendees: Meeting['attendees'] | string;
  decisions: string[] | string;
}

interface ActionRow {
  [column: string]: unknown;
  id: string | number;
  meeting_id: string | number;
  text: string;
  owner: string;
  due_on: unknown;
  status: ActionStatus;
  closed_on: unknown;
}

/** A date column as pg (Date at UTC midnight) or PGlite (Date or text) returns it. */
const dateText = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function action(row: ActionRow): MeetingAction {
  return {
    id: Number(row.id),
    meetingId: Number(row.meeting_id),
    text: row.text,
    owner: row.owner,
    dueOn: dateText(row.due_on),
    status: row.status,
    closedOn: row.closed_on === null ? null : dateText(row.closed_on),
  };
}

/** Records a meeting with its decisions and action items, in one transaction. */
export async function insertMeeting(db: Db, input: MeetingInput, now: number): Promise<number> {
  return db.transaction(async (tx) => {
    const saved = await tx.query<{ id: string }>(
      'INSERT INTO meetings (held_on, attendees, decisions, recorded_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [input.heldOn, JSON.stringify(input.attendees), JSON.stringify(input.decisions), new Date(now).toISOString()],
    );
    const id = Number(saved.rows[0]?.id);
    for (const item of input.actions)
      await tx.query('INSERT INTO meeting_actions (meeting_id, text, owner, due_on) VALUES ($1, $2, $3, $4)', [
        id,
        item.text,
        item.owner,
        item.dueOn,
      ]);
    return id;
  });
}

/** Every meeting, oldest first, with its actions. */
export async function loadMeetings(db: Queryable): Promise<Meeting[]> {
  const meetings = await db.query<MeetingRow>(
    'SELECT id, held_on, attendees, decisions FROM meetings ORDER BY held_on, id',
  );
  const actions = await db.query<ActionRow>(
    'SELECT id, meeting_id, text, owner, due_on, status, closed_on FROM meeting_actions ORDER BY id',
  );
  const byMeeting = new Map<number, MeetingAction[]>();
  for (const row of actions.rows) {
    const item = action(row);
    byMeeting.set(item.meetingId, [...(byMeeting.get(item.meetingId) ?? []), item]);
  }
  return meetings.rows.map((row) => ({
    id: Number(row.id),
    heldOn: dateText(row.held_on),
    attendees: parsed(row.attendees),
    decisions: parsed(row.decisions),
    actions: byMeeting.get(Number(row.id)) ?? [],
  }));
}

/** Marks an action done, dropped or open again; false when there is no such action. */
export async function updateAction(db: Queryable, id: number, status: ActionStatus, on: string): Promise<boolean> {
  const updated = await db.query<{ id: string }>(
    'UPDATE meeting_actions SET status = $2, closed_on = $3 WHERE id = $1 RETURNING id',
    [id, status, status === 'open' ? null : on],
  );
  return updated.rows.length === 1;
}
