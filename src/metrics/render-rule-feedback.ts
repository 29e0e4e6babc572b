import { wrapText } from '../shared/text-layout';
import { table } from './render-scorecard';

/** Lines of words stay within this many columns; the tables are as wide as their names. */
const WIDTH = 100;
import type { FeedbackRow, GroupRates, RuleFeedback } from './rule-feedback';

const pct = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(0)} %`);
const rates = (g: GroupRates): string[] => [String(g.leads), pct(g.acceptance), pct(g.wastage), pct(g.win)];
function gapText(row: FeedbackRow): string {
  if (row.gap === null) return '';
  const points = Math.round(row.gap * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}

function rowsTable(title: string, rows: readonly FeedbackRow[]): string[] {
  if (rows.length === 0) return [title, '  none in the period'];
  const notes = rows
    .filter((r) => r.note !== null)
    .map((r) => wrapText(`${r.key}: ${r.note ?? ''}`, WIDTH, '  ', '    '));
  return [
    title,
    table(
      [title.split(' ')[0] ?? '', 'MQLs', 'Accepted', 'Wasted', 'Won', 'Others', 'Accepted', 'Wasted', 'Won', 'Gap'],
      rows.map((r) => [r.key, ...rates(r.fired), ...rates(r.others), gapText(r)]),
    ),
    ...(notes.length === 0 ? [] : ['', ...notes]),
  ];
}

/**
 * The rule feedback in words and tables: for each rule, campaign and source, its leads against the
 * others (accepted = of those handed off; wasted = qualified but not accepted; won = of the qualified).
 */
export function renderRuleFeedback(
  feedback: RuleFeedback,
  head: { readonly period: string; readonly version: string },
  proposals: readonly {
    readonly kind: 'points' | 'threshold';
    readonly rule: string;
    readonly from: number;
    readonly to: number;
    readonly why: string;
    readonly replay: string;
  }[],
): string {
  return [
    `RULE FEEDBACK: ${head.period}, protocol ${head.version}`,
    `${feedback.leads} marketing-qualified leads. Accepted = of those handed off;`,
    'wasted = qualified but not accepted; won = of the qualified.',
    `Gap = acceptance of its leads minus the others', when each side has ${feedback.minimum} handed-off leads or more.`,
    '',
    ...rowsTable('Rule (fit or readiness) — its leads, then the others', feedback.rules),
    '',
    ...rowsTable('Campaign — its leads, then the others', feedback.campaigns),
    '',
    ...rowsTable('Source — its leads, then the others', feedback.sources),
    '',
    'PROPOSED CHANGES',
    ...(proposals.length === 0
      ? ['  None: no rule, and no lowest-scoring third of an axis, is 15 points or more away from the others.']
      : proposals.flatMap((p) => [
          '',
          p.kind === 'threshold'
            ? `  ${p.rule} threshold: ${p.from} → ${p.to}.`
            : `  ${p.rule}: ${p.from} → ${p.to} points.`,
          wrapText(`${p.why}.`, WIDTH, '  ', '  '),
          ...p.replay.split('\n').map((line) => `  ${line}`),
        ])),
  ].join('\n');
}
