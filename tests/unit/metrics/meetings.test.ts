import { meetingFromForm, meetingInputSchema } from '../../../src/metrics/meeting.schema';
import { followUp, meetingsView, type Meeting, type MeetingAction } from '../../../src/metrics/meetings';
import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { renderScorecard } from '../../../src/metrics/render-scorecard';
import { sampleScorecard } from './sample-scorecard';

const MARCH = {
  spec: '2026-03',
  id: '2026-03',
  label: 'March 2026',
  start: Date.parse('2026-03-01T00:00:00Z'),
  end: Date.parse('2026-04-01T00:00:00Z'),
};
const APRIL_2 = Date.parse('2026-04-02T09:00:00Z');

function action(id: number, dueOn: string, status: MeetingAction['status'] = 'open', closedOn: string | null = null) {
  return {
    id,
    meetingId: 1,
    text: `Action ${id}`,
    owner: id % 2 === 0 ? 'Sam (Sales)' : 'Mara (Marketing)',
    dueOn,
    status,
    closedOn,
  };
}

const february: Meeting = {
  id: 1,
  heldOn: '2026-02-26',
  attendees: { marketing: ['Mara'], sales: ['Sam'] },
  decisions: ['Webinar leads go to the SDR pool'],
  actions: [
    action(1, '2026-03-10', 'done', '2026-03-09'),
    action(2, '2026-03-10', 'done', '2026-03-20'),
    action(3, '2026-03-15', 'dropped', '2026-03-12'),
    action(4, '2026-03-31'),
    action(5, '2026-04-30'),
    action(6, '2026-02-28', 'done', '2026-02-27'),
  ],
};
const march: Meeting = {
  id: 2,
  heldOn: '2026-03-27',
  attendees: { marketing: ['Mara', 'Lee'], sales: ['Sam'] },
  decisions: ['Raise the fit threshold to 60'],
  actions: [{ ...action(7, '2026-04-15'), meetingId: 2 }],
};

describe('following up the actions of joint meetings', () => {
  it('calls each action done, done late, dropped, late or open', () => {
    expect(february.actions.map((a) => followUp(a, '2026-04-02'))).toEqual([
      'done',
      'done late',
      'dropped',
      'late',
      'open',
      'done',
    ]);
  });

  it('follows up every action still open when the period began, and counts meetings against the cadence', () => {
    const view = meetingsView([march, february], MARCH, 'monthly', APRIL_2);
    expect(view).toMatchObject({ held: 1, expected: 1, onCadence: true, last: { heldOn: '2026-03-27' } });
    expect(view.actions.map((a) => [a.id, a.followUp])).toEqual([
      [1, 'done'],
      [2, 'done late'],
      [3, 'dropped'],
      [4, 'late'],
      [5, 'open'],
      [7, 'open'],
    ]);
    expect(meetingsView([february], MARCH, 'weekly', APRIL_2)).toMatchObject({
      held: 0,
      expected: 4,
      onCadence: false,
    });
  });

  it('shows them on the scorecard, with the forms only on the signed-in page', () => {
    const data = sampleScorecard({ meetings: meetingsView([february, march], MARCH, 'monthly', APRIL_2) });
    const signedIn = renderScorecard(data, 'html', { formAction: 'diagnostic/responses' });
    expect(signedIn).toContain('Joint meetings in the period: 1 held of 1 agreed (monthly).');
    expect(signedIn).toMatch(/<tr data-action="4" data-follow-up="late">.*?action="meetings\/actions\/4"/);
    expect(signedIn).toContain('<form class="meeting" method="post" action="meetings">');
    const shared = renderScorecard(data, 'html', {
      formAction: 'diagnostic/responses',
      access: { anonymous: true, team: null },
    });
    expect(shared).not.toContain('action="meetings');
    expect(renderScorecard(data, 'text')).toContain('  - Action 4 (Sam (Sales), due 2026-03-31): late');
  });

  it('follows each action up in the next pack and puts the late and open ones on its agenda', () => {
    const data = sampleScorecard({ meetings: meetingsView([february, march], MARCH, 'monthly', APRIL_2) });
    const pack = renderAlignmentPack(data, sampleScorecard(), 'markdown');
    expect(pack).toContain(
      '## Actions from our meetings\n\nJoint meetings in the period: 1 held of 1 agreed (monthly).',
    );
    expect(pack).toContain('| Action 2 | Sam (Sales) | 2026-02-26 | 2026-03-10 | done late |');
    expect(pack).toContain('| Action 3 | Mara (Marketing) | 2026-02-26 | 2026-03-15 | dropped |');
    expect(pack).toContain('- Late: “Action 4” (Sam (Sales), due 2026-03-31): done, new date, or dropped?');
    const behind = sampleScorecard({ meetings: meetingsView([], MARCH, 'fortnightly', APRIL_2) });
    expect(renderAlignmentPack(behind, sampleScorecard(), 'markdown')).toContain(
      '- Joint meetings: 0 held of 2 agreed (fortnightly): keep the cadence or change it.',
    );
  });
});

describe('a meeting as entered', () => {
  it('reads the page form: attendees by commas, a decision a line, an action a line', () => {
    const parsed = meetingInputSchema.parse(
      meetingFromForm({
        heldOn: '2026-03-27',
        marketing: 'Mara, Lee',
        sales: 'Sam',
        decisions: 'Raise the fit threshold to 60\r\n\r\nKeep the SLA at 8 hours',
        actions: 'Draft the new rule | Mara | 2026-04-10\nCall back the sleeping leads | Sam | 2026-04-03',
      }),
    );
    expect(parsed).toEqual({
      heldOn: '2026-03-27',
      attendees: { marketing: ['Mara', 'Lee'], sales: ['Sam'] },
      decisions: ['Raise the fit threshold to 60', 'Keep the SLA at 8 hours'],
      actions: [
        { text: 'Draft the new rule', owner: 'Mara', dueOn: '2026-04-10' },
        { text: 'Call back the sleeping leads', owner: 'Sam', dueOn: '2026-04-03' },
      ],
    });
  });

  it('needs both teams and a due date on each action', () => {
    const result = meetingInputSchema.safeParse(
      meetingFromForm({ heldOn: '2026-03-27', marketing: 'Mara', sales: '', actions: 'Draft it | Mara' }),
    );
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attendees.sales', 'a joint meeting needs someone from Sales'],
      ['actions.0.dueOn', 'a date as YYYY-MM-DD'],
    ]);
  });
});
