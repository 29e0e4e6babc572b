import { DateTime } from 'luxon';
import { METRIC_IDS } from './catalogue';
import { funnelChart, histogramChart, legend, legendCodes, rejectionChart, slaTrendChart } from './charts-svg';
import { compareMetric, escapeHtml as esc, formatDate, formatDateTime, formatMetric, formatParts } from './format';
import {
  alignmentSection,
  diagnosticForm,
  glossary,
  kpiTiles,
  leftBehindTable,
  sliceName,
  sliceTable,
  type FormAccess,
} from './html-sections';
import { STYLE } from './html-style';
import { targetsHtml, targetsText } from './render-targets';
import { meetingsHtml, meetingsText } from './render-meetings';
import type { ScorecardData } from './scorecard-model';

export type ScorecardFormat = 'text' | 'json' | 'html';

export interface HtmlOptions {
  /** Where the diagnostic form posts; without it the page has no form (a file written by the CLI). */
  readonly formAction?: string;
  /** A line shown above everything (the answers were recorded...). */
  readonly notice?: string;
  /** Who answers the questionnaire (a shared link: anonymous answers, perhaps one team); signed in by default. */
  readonly access?: FormAccess;
}

export function renderScorecard(data: ScorecardData, format: ScorecardFormat, options: HtmlOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'text':
      return renderText(data);
    case 'html':
      return renderHtml(data, options);
  }
}

export function htmlDocument(title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`
  );
}

function renderHtml(data: ScorecardData, options: HtmlOptions): string {
  const weekLabel = (weekOf: string) => DateTime.fromISO(weekOf, { zone: data.timeZone }).toFormat('d LLL');
  const codes = legendCodes(data.rejections);
  const tta = data.overall;
  const header =
    `<header class="top"><div><h1>Lead protocol scorecard</h1><p class="period">${esc(data.period.label)} · compared with ${esc(data.previousPeriod.label)}</p></div>` +
    `<div class="stamp">${options.formAction === undefined ? '' : periodPicker(data)}Computed ${esc(formatDateTime(data.generatedAt, data.timeZone))}<br>Sleeping after ${data.thresholds.dormancyDays} days idle · not pursued after ${data.thresholds.notPursuedDays} days</div></header>`;
  const card = (id: string, title: string, lede: string, content: string, wide = false) =>
    `<section class="card${wide ? ' wide' : ''}" id="${id}"><h2>${esc(title)}</h2>${lede === '' ? '' : `<p class="lede">${esc(lede)}</p>`}${content}</section>`;
  const charts = [
    card(
      'funnel',
      'Funnel',
      'The leads that became marketing-qualified in the period, and how far each got.',
      funnelChart(data.funnel),
    ),
    card(
      'sla-trend',
      'SLA compliance over time',
      'Share of hand-offs whose acceptance SLA was met, by week of hand-off.',
      slaTrendChart(data.slaTrend, weekLabel),
    ),
    card(
      'rejections',
      'Why Sales rejects, by campaign',
      `${formatMetric('rejected', data.overall.rejected.value ?? 0)} rejections in the period; feedback coverage ${formatMetric('feedback_coverage', data.overall.feedback_coverage.value)}.`,
      legend(codes, data.rejections.length > codes.length) + rejectionChart(data.slices.campaign, codes, sliceName),
    ),
    card(
      'time-to-accept',
      'Time to accept',
      `Business time from hand-off to acceptance: median ${formatMetric('time_to_accept_median', tta.time_to_accept_median.value)}, p90 ${formatMetric('time_to_accept_p90', tta.time_to_accept_p90.value)}.`,
      histogramChart(data.timeToAccept, 'How long Sales took to accept the leads handed off in the period'),
    ),
  ];
  const tables = [
    card(
      'targets',
      'Targets',
      'The figures the two teams agreed to reach, in the approved protocol.',
      targetsHtml(data),
      true,
    ),
    card(
      'meetings',
      'Joint meetings',
      'What the two teams decided together, and whether each action was done.',
      meetingsHtml(data.meetings, options.formAction !== undefined && options.access === undefined),
      true,
    ),
    card(
      'alignment',
      'Where we stand',
      'What the two teams believe (the diagnostic) set against what they do (the observed index), on the same four bands.',
      alignmentSection(data),
      true,
    ),
    card(
      'campaigns',
      'Campaigns',
      'Largest first. Hover a rate for the counts behind it.',
      sliceTable(data.slices.campaign, 'Campaign'),
      true,
    ),
    card(
      'teams',
      'Teams and owners',
      '',
      sliceTable(data.slices.team, 'Team') +
        `<details><summary>By owner</summary>${sliceTable(data.slices.owner, 'Owner')}</details>` +
        `<details><summary>By source</summary>${sliceTable(data.slices.source, 'Source')}</details>` +
        `<details><summary>By territory</summary>${sliceTable(data.slices.territory, 'Territory')}</details>`,
      true,
    ),
    card(
      'left-behind',
      'Leads left behind',
      'In the pipeline now, with nobody acting on them; oldest first.',
      leftBehindTable(data),
      true,
    ),
    ...(options.formAction === undefined
      ? []
      : [
          card(
            'diagnostic',
            'Relationship diagnostic',
            `Score each statement from 1 (strongly disagree) to 5 (strongly agree). Answer for how things are, not how they should be.`,
            diagnosticForm(data, options.formAction, options.access),
            true,
          ),
        ]),
    card(
      'glossary',
      'How each number is counted',
      'The same definitions for Sales and Marketing.',
      glossary(data),
      true,
    ),
  ];
  const notice = options.notice === undefined ? '' : `<p class="notice" role="status">${esc(options.notice)}</p>`;
  const body = `${header}<main>${notice}<section class="kpis" aria-label="Key figures">${kpiTiles(data)}</section><div class="grid">${charts.join('')}</div>${tables.join('')}</main>`;
  return htmlDocument(`Lead protocol scorecard: ${data.period.label}`, body);
}

const PERIOD_CHOICES: readonly (readonly [string, string])[] = [
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
  ['calendar-month', 'This month'],
  ['previous-month', 'Last month'],
  ['calendar-quarter', 'This quarter'],
  ['previous-quarter', 'Last quarter'],
];

/** On the served page: another period, the monthly pack, the same numbers as JSON (links relative to the page). */
function periodPicker(data: ScorecardData): string {
  const spec = data.period.spec;
  const choices = PERIOD_CHOICES.some(([value]) => value === spec)
    ? PERIOD_CHOICES
    : [...PERIOD_CHOICES, [spec, data.period.label] as const];
  const options = choices
    .map(([value, label]) => `<option value="${esc(value)}"${value === spec ? ' selected' : ''}>${esc(label)}</option>`)
    .join('');
  const query = `period=${encodeURIComponent(spec)}`;
  return (
    `<form class="picker" method="get" action="scorecard"><select name="period" aria-label="Period">${options}</select> <button type="submit">Show</button></form>` +
    `<p class="links"><a href="alignment-pack">Monthly pack</a> · <a href="alignment-pack.md">Markdown</a> · <a href="scorecard.json?${query}">JSON</a></p>`
  );
}

function renderText(data: ScorecardData): string {
  const lines = [
    `LEAD PROTOCOL SCORECARD: ${data.period.label}`,
    `${formatDate(data.period.start, data.timeZone)} – ${formatDate(data.period.end - 1, data.timeZone)}, compared with ${data.previousPeriod.label}; computed ${formatDateTime(data.generatedAt, data.timeZone)}`,
    '',
    table(
      ['Metric', 'Value', 'From', 'Before', 'Change'],
      METRIC_IDS.map((metric) => {
        const now = data.overall[metric];
        const change = compareMetric(metric, now.value, data.previous[metric].value);
        return [
          change.label,
          formatMetric(metric, now.value),
          formatParts(metric, now),
          formatMetric(metric, change.previous),
          change.text === '' ? '' : `${change.text} ${change.direction === 'same' ? '' : change.direction}`.trim(),
        ];
      }),
    ),
    '',
    'FUNNEL (leads qualified in the period)',
    ...data.funnel.map((step) => `  ${step.label.padEnd(22)}${String(step.count).padStart(8)}`),
    '',
    'REJECTIONS BY CODE',
    ...(data.rejections.length === 0
      ? ['  none']
      : data.rejections.map((r) => `  ${r.code.padEnd(30)}${String(r.count).padStart(6)}`)),
    '',
    'CAMPAIGNS',
    table(
      ['Campaign', 'MQLs', 'Accepted', 'Wastage', 'SLA', 'Sleeping'],
      data.slices.campaign.map((s) => [
        sliceName(s.key),
        formatMetric('mqls', s.metrics.mqls.value),
        formatMetric('acceptance_rate', s.metrics.acceptance_rate.value),
        formatMetric('wastage_rate', s.metrics.wastage_rate.value),
        formatMetric('sla_compliance', s.metrics.sla_compliance.value),
        formatMetric('sleeping_pipeline', s.metrics.sleeping_pipeline.value),
      ]),
    ),
    '',
    ...targetsText(data),
    '',
    ...meetingsText(data.meetings),
    '',
    ...alignmentText(data),
    '',
    `LEADS LEFT BEHIND (${data.leftBehind.length})`,
    ...data.leftBehind.flatMap((l) => [
      `  ${[l.label, l.company].filter((part) => part !== null).join(', ')}: ${l.stage}, ${l.reason.replace('_', ' ')}, owner ${l.ownerName}`,
      ...(l.recordUrl === null ? [] : [`    ${l.recordUrl}`]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

function alignmentText(data: ScorecardData): string[] {
  const d = data.diagnostic;
  const score = (v: number | null) => (v === null ? '-' : v.toFixed(1));
  return [
    'ALIGNMENT',
    `  Observed index      ${score(data.observed.score)}  ${data.observed.band ?? data.observed.withheld ?? 'not enough data'}`,
    `  Marketing believes  ${score(d.marketing)}  (${d.respondents.marketing} answered)`,
    `  Sales believes      ${score(d.sales)}  (${d.respondents.sales} answered)`,
    `  Perception gap      ${score(d.gap)}   band of beliefs: ${d.band ?? 'no answers'}`,
  ];
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
