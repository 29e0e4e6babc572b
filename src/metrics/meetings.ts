import { CADENCE_DAYS, type Cadence } from '../protocol';
import type { Period } from './period';

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A date without a time (YYYY-MM-DD), as people agree one in a meeting. */
export type DateText = string;

export interface MeetingAction {
  readonly id: number;
  readonly meetingId: number;
  readonly text: string;
  readonly owner: string;
  readonly dueOn: DateText;
  readonly status: ActionStatus;
  /** When it was marked done or dropped. */
  readonly closedOn: DateText | null;
}

export interface Meeting {
  readonly id: number;
  readonly heldOn: DateText;
  readonly attendees: { readonly marketing: readonly string[]; readonly sales: readonly string[] };
  readonly decisions: readonly string[];
  readonly actions: readonly MeetingAction[];
}

/** Where an action stands at a date: done (on time or late), dropped, late, or open and not yet due. */
export type FollowUp = 'done' | 'done late' | 'dropped' | 'late' | 'open';

export interface ActionFollowUp extends MeetingAction {
  readonly heldOn: DateText;
  readonly followUp: FollowUp;
}

export interface MeetingsView {
  readonly cadence: Cadence;
  /** Joint meetings held in the period, against the number the cadence asks for in it. */
  readonly held: number;
  readonly expected: number;
  readonly onCadence: boolean;
  readonly last: Meeting | null;
  /** Every action of the meetings up to the period's end that was still open when the period began. */
  readonly actions: readonly ActionFollowUp[];
}

const DAY_MS = 86_400_000;
const dayOf = (instant: number): DateText => new Date(instant).toISOString().slice(0, 10);

export function followUp(action: MeetingAction, asOf: DateText): FollowUp {
  switch (action.status) {
    case 'done':
      return action.closedOn !== null && action.closedOn > action.dueOn ? 'done late' : 'done';
    case 'dropped':
      return 'dropped';
    case 'open':
      return asOf > action.dueOn ? 'late' : 'open';
  }
}

/**
 * The meetings of a period against the agreed cadence, and the follow-up of every action that
 * mattered in it: those agreed before the period's end and not closed before it began. Follow-up is
 * judged at `asOf` (when the pack is read), so an action done since shows done.
 */
export function meetingsView(
  meetings: readonly Meeting[],
  period: Period,
  cadence: Cadence,
  asOf: number,
): MeetingsView {
  const [from, to] = [dayOf(period.start), dayOf(period.end - 1)];
  const upToEnd = meetings.filter((m) => m.heldOn <= to).sort((a, b) => a.heldOn.localeCompare(b.heldOn));
  const held = upToEnd.filter((m) => m.heldOn >= from).length;
  const expected = Math.max(1, Math.floor((period.end - period.start) / (CADENCE_DAYS[cadence] * DAY_MS)));
  const today = dayOf(asOf);
  const actions = upToEnd.flatMap((m) =>
    m.actions
      .filter((a) => a.closedOn === null || a.closedOn >= from)
      .map((a) => ({ ...a, heldOn: m.heldOn, followUp: followUp(a, today) })),
  );
  return { cadence, held, expected, onCadence: held >= expected, last: upToEnd.at(-1) ?? null, actions };
}

export const NO_MEETINGS: MeetingsView = {
  cadence: 'monthly',
  held: 0,
  expected: 1,
  onCadence: false,
  last: null,
  actions: [],
};
