import { DateTime } from 'luxon';
import { followUpAction, meetings, recordMeeting } from '../app/meetings';
import type { Protocol } from '../protocol';
import type { Db } from '../store';

const HOUR_MS = 3_600_000;

interface Step {
  /** Simulated hours after the market opens. */
  readonly afterHours: number;
  run(db: Db, now: number): Promise<string>;
}

const day = (instant: number): string => DateTime.fromMillis(instant, { zone: 'utc' }).toISODate() ?? '';

/** The action of the first meeting whose text starts so. */
async function actionId(db: Db, startsWith: string): Promise<number> {
  const found = (await meetings(db)).flatMap((m) => m.actions).find((a) => a.text.startsWith(startsWith));
  if (found === undefined) throw new Error(`the demo's action "${startsWith}" was not recorded`);
  return found.id;
}

/**
 * What the two teams do together while the market runs: a first joint meeting a few hours in, with
 * its decisions and three actions; one done in time, one dropped, one left to go late; then the
 * next meeting, whose pack follows the first one's actions up. Recorded through the same use case
 * as the scorecard page and the admin API.
 */
function plan(protocol: Protocol, startAt: number): Step[] {
  const marketing = protocol.approval.marketingOwner.name;
  const sales = protocol.approval.salesOwner.name;
  return [
    {
      afterHours: 6,
      async run(db, now) {
        const saved = await recordMeeting(
          db,
          {
            heldOn: day(now),
            attendees: { marketing: [marketing, 'Lee Chen'], sales: [sales, 'Priya Raman'] },
            decisions: [
              'Webinar leads keep the 4-business-hour acceptance SLA',
              'Rejections without a code go back to Sales',
            ],
            actions: [
              { text: 'Send Sales the webinar attendee list', owner: 'Lee Chen', dueOn: day(startAt + 24 * HOUR_MS) },
              { text: 'Call back every lead left waiting a day', owner: sales, dueOn: day(startAt) },
              { text: 'Add a fit rule for students', owner: marketing, dueOn: day(startAt + 72 * HOUR_MS) },
            ],
          },
          now,
        );
        if (!saved.ok) throw new Error(saved.error);
        return `Marketing and Sales meet: ${saved.value.decisions.length} decisions, ${saved.value.actions.length} actions, each with an owner and a due date`;
      },
    },
    {
      afterHours: 26,
      async run(db, now) {
        await followUpAction(db, await actionId(db, 'Send Sales'), { status: 'done' }, now);
        return 'Lee Chen sends Sales the webinar attendee list: that action is done, in time';
      },
    },
    {
      afterHours: 30,
      async run(db, now) {
        await followUpAction(db, await actionId(db, 'Add a fit rule'), { status: 'dropped' }, now);
        return `${marketing} drops the student rule: the rule feedback will say whether it is needed`;
      },
    },
    {
      afterHours: 52,
      async run(db, now) {
        const saved = await recordMeeting(
          db,
          {
            heldOn: day(now),
            attendees: { marketing: [marketing], sales: [sales] },
            decisions: ['Review the rule feedback before changing any points'],
            actions: [
              {
                text: 'Bring the rule feedback to the next meeting',
                owner: marketing,
                dueOn: day(now + 168 * HOUR_MS),
              },
            ],
          },
          now,
        );
        if (!saved.ok) throw new Error(saved.error);
        return 'The next joint meeting follows up the actions of the first (see the monthly pack)';
      },
    },
  ];
}

/** Plays the meetings as the simulated clock reaches them; each step once, in order. */
export class JointMeetings {
  private readonly steps: Step[];

  constructor(
    private readonly db: Db,
    private readonly startAt: number,
    protocol: Protocol,
  ) {
    this.steps = plan(protocol, startAt);
  }

  /** The lines to tell for the steps now due. */
  async tick(now: number): Promise<string[]> {
    const told: string[] = [];
    while (this.steps.length > 0 && now >= this.startAt + (this.steps[0]?.afterHours ?? 0) * HOUR_MS) {
      const step = this.steps.shift();
      if (step !== undefined) told.push(await step.run(this.db, now));
    }
    return told;
  }
}
