import { escapeHtml as esc, formatMetric } from './format';
import type { ScorecardData } from './scorecard-model';
import { onOffText, targetLine, trendText, type TargetRow } from './targets';

const NONE = 'No targets agreed yet: add a targets section to the protocol; both owners approve it.';

/** The targets as plain lines for `leadpact report --format text`. */
export function targetsText(data: ScorecardData): string[] {
  return [
    'TARGETS (agreed in the protocol)',
    ...(data.targets.length === 0 ? [`  ${NONE}`] : data.targets.map((row) => `  ${targetLine(row)}`)),
  ];
}

/** The targets as a table: the figure, the target, on or off, and the trend on the period before. */
export function targetsTable(rows: readonly TargetRow[]): { head: string[]; rows: string[][] } {
  return {
    head: ['Figure', 'This period', 'Target', 'On target', 'Trend'],
    rows: rows.map((row) => [
      row.label,
      formatMetric(row.metric, row.value),
      row.targetText,
      row.on === null ? 'no data' : row.on ? 'yes' : 'no',
      trendText(row.trend),
    ]),
  };
}

/** The scorecard page's targets card. */
export function targetsHtml(data: ScorecardData): string {
  if (data.targets.length === 0) return `<p class="muted">${esc(NONE)}</p>`;
  const rows = data.targets
    .map(
      (row) =>
        `<tr data-target="${row.metric}" data-on="${String(row.on)}"><td class="text">${esc(row.label)}</td>` +
        `<td>${esc(formatMetric(row.metric, row.value))}</td><td>${esc(row.targetText)}</td>` +
        `<td><span class="delta ${row.on === null ? 'unknown' : row.on ? 'better' : 'worse'}">${esc(onOffText(row.on))}</span></td>` +
        `<td><span class="delta ${row.trend.direction}">${esc(trendText(row.trend))}</span></td></tr>`,
    )
    .join('');
  const on = data.targets.filter((row) => row.on === true).length;
  return (
    `<p class="lede">${on} of ${data.targets.length} on target.</p>` +
    `<table><thead><tr><th class="text">Figure</th><th>This period</th><th>Target</th><th>On target</th><th>Trend</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}
