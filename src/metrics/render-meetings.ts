import { escapeHtml as esc } from './format';
import type { ActionFollowUp, MeetingsView } from './meetings';

/** "1 of 1 agreed (monthly)". */
export function cadenceText(view: MeetingsView): string {
  return `${view.held} held of ${view.expected} agreed (${view.cadence})${view.onCadence ? '' : ': behind the cadence'}`;
}

const actionLine = (a: ActionFollowUp): string => `${a.text} (${a.owner}, due ${a.dueOn}): ${a.followUp}`;

export function meetingsText(view: MeetingsView): string[] {
  return [
    `JOINT MEETINGS  ${cadenceText(view)}`,
    view.last === null ? '  No meeting recorded yet.' : `  Last held ${view.last.heldOn}`,
    ...view.actions.map((a) => `  - ${actionLine(a)}`),
  ];
}

/** The pack's follow-up of the actions agreed in earlier meetings. */
export function actionsTable(view: MeetingsView): { head: string[]; rows: string[][] } {
  return {
    head: ['Action', 'Owner', 'Agreed', 'Due', 'Now'],
    rows: view.actions.map((a) => [a.text, a.owner, a.heldOn, a.dueOn, a.followUp]),
  };
}

type PackBlock =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** The pack's section on meetings: held against the cadence, and each action followed up. */
export function actionsSection(view: MeetingsView): { readonly title: string; readonly blocks: PackBlock[] } {
  const cadence: PackBlock = { kind: 'p', text: `Joint meetings in the period: ${cadenceText(view)}.` };
  return {
    title: 'Actions from our meetings',
    blocks:
      view.actions.length === 0
        ? [cadence, { kind: 'p', text: 'No action items to follow up.' }]
        : [cadence, { kind: 'table', ...actionsTable(view) }],
  };
}

/** Agenda items: each action late or still open, and meetings behind the agreed cadence. */
export function meetingAgendaItems(view: MeetingsView): string[] {
  const late = view.actions.filter((a) => a.followUp === 'late');
  const open = view.actions.filter((a) => a.followUp === 'open');
  return [
    ...late.map((a) => `Late: “${a.text}” (${a.owner}, due ${a.dueOn}): done, new date, or dropped?`),
    ...open.map((a) => `Open: “${a.text}” (${a.owner}, due ${a.dueOn}): on track?`),
    ...(view.onCadence
      ? []
      : [
          `Joint meetings: ${view.held} held of ${view.expected} agreed (${view.cadence}): keep the cadence or change it.`,
        ]),
  ];
}

const STATE_CLASS: Readonly<Record<ActionFollowUp['followUp'], string>> = {
  done: 'better',
  'done late': 'same',
  dropped: 'unknown',
  late: 'worse',
  open: 'same',
};

function actionRow(a: ActionFollowUp, signedIn: boolean): string {
  const buttons =
    signedIn && a.status === 'open'
      ? `<form class="inline" method="post" action="meetings/actions/${a.id}"><button name="status" value="done">Done</button> <button name="status" value="dropped">Drop</button></form>`
      : '';
  return (
    `<tr data-action="${a.id}" data-follow-up="${a.followUp}"><td class="text">${esc(a.text)}</td><td class="text">${esc(a.owner)}</td>` +
    `<td>${a.heldOn}</td><td>${a.dueOn}</td><td><span class="delta ${STATE_CLASS[a.followUp]}">${a.followUp}</span> ${buttons}</td></tr>`
  );
}

const FORM =
  `<details><summary>Record a meeting</summary><form class="meeting" method="post" action="meetings">` +
  `<label>Held on<br><input type="date" name="heldOn" required></label>` +
  `<label>Marketing attendees (separated by commas)<br><input type="text" name="marketing" required maxlength="2000"></label>` +
  `<label>Sales attendees (separated by commas)<br><input type="text" name="sales" required maxlength="2000"></label>` +
  `<label>Decisions (one a line)<br><textarea name="decisions" rows="3" maxlength="10000"></textarea></label>` +
  `<label>Action items (one a line: what | owner | due YYYY-MM-DD)<br><textarea name="actions" rows="3" maxlength="10000"></textarea></label>` +
  `<button type="submit">Record the meeting</button></form></details>`;

/** The scorecard page's meetings card; the signed-in page can record a meeting and close actions. */
export function meetingsHtml(view: MeetingsView, signedIn: boolean): string {
  const last = view.last;
  const summary =
    last === null
      ? '<p class="empty">No meeting recorded yet.</p>'
      : `<p>Last held <b data-meeting="last">${last.heldOn}</b> with ${esc(last.attendees.marketing.join(', '))} (Marketing) and ${esc(last.attendees.sales.join(', '))} (Sales).</p>` +
        (last.decisions.length === 0 ? '' : `<ul>${last.decisions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
  const actions =
    view.actions.length === 0
      ? ''
      : `<table><thead><tr><th class="text">Action</th><th class="text">Owner</th><th>Agreed</th><th>Due</th><th>Now</th></tr></thead><tbody>${view.actions.map((a) => actionRow(a, signedIn)).join('')}</tbody></table>`;
  return (
    `<p class="lede" data-meetings-held="${view.held}" data-meetings-expected="${view.expected}">Joint meetings in the period: ${esc(cadenceText(view))}.</p>` +
    summary +
    actions +
    (signedIn ? FORM : '')
  );
}
