import { definitionOf, type MetricId } from './catalogue';
import { bandChart } from './charts-svg';
import type { DiagnosticSummary } from './diagnostic';
import { compareMetric, daysBetween, escapeHtml as esc, formatKind, formatMetric, formatParts } from './format';
import type { NamedLead } from './record-names';
import type { ScorecardData, SliceSummary } from './scorecard-model';
import type { LeftBehindReason } from './series';

const KPI_METRICS: readonly MetricId[] = [
  'mqls',
  'acceptance_rate',
  'wastage_rate',
  'sla_compliance',
  'not_pursued_rate',
  'feedback_coverage',
  'time_to_accept_median',
  'sleeping_pipeline',
  'lead_to_close_days_median',
  'mql_revenue',
];

const ARROW = { better: '▲', worse: '▼', same: '●', unknown: '' } as const;

export function kpiTiles(data: ScorecardData): string {
  return KPI_METRICS.map((metric) => {
    const now = data.overall[metric];
    const change = compareMetric(metric, now.value, data.previous[metric].value);
    const delta =
      change.direction === 'unknown' ? 'no comparison' : `${change.text} vs ${formatMetric(metric, change.previous)}`;
    const arrow = change.direction === 'unknown' ? '' : `${ARROW[change.direction]} `;
    return (
      `<div class="kpi" data-metric="${metric}" data-value="${now.value ?? ''}" data-numerator="${now.numerator ?? ''}" data-denominator="${now.denominator ?? ''}">` +
      `<div class="kpi-label" title="${esc(definitionOf(metric).definition)}">${esc(definitionOf(metric).label)}</div>` +
      `<div class="kpi-value">${formatMetric(metric, now.value)}</div><div class="kpi-parts">${esc(formatParts(metric, now))}</div>` +
      `<div class="delta ${change.direction}">${arrow}${esc(delta)}</div></div>`
    );
  }).join('');
}

export { sliceName } from './record-names';

const SLICE_COLUMNS: readonly MetricId[] = [
  'mqls',
  'handed_off',
  'acceptance_rate',
  'wastage_rate',
  'sla_compliance',
  'feedback_coverage',
  'time_to_accept_median',
  'sleeping_pipeline',
  'mql_revenue',
];

export function sliceTable(slices: readonly SliceSummary[], heading: string): string {
  if (slices.length === 0) return '<p class="empty">No leads in the period.</p>';
  const head = `<tr><th>${esc(heading)}</th>${SLICE_COLUMNS.map((m) => `<th title="${esc(definitionOf(m).definition)}">${esc(definitionOf(m).label)}</th>`).join('')}</tr>`;
  const rows = slices.map(
    (slice) =>
      `<tr data-key="${esc(slice.key)}"><td>${esc(slice.label)}</td>${SLICE_COLUMNS.map((m) => {
        const parts = slice.metrics[m];
        const title = formatParts(m, parts);
        return `<td data-metric="${m}" data-value="${parts.value ?? ''}"${title === '' ? '' : ` title="${esc(title)}"`}>${formatMetric(m, parts.value)}</td>`;
      }).join('')}</tr>`,
  );
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

const REASON_TEXT: Readonly<Record<LeftBehindReason, string>> = {
  dormant: 'dormant',
  no_decision: 'no accept or reject',
  not_pursued: 'accepted, never touched',
  sleeping: 'no activity',
};

/** The lead's name, linked to its record in Salesforce when the org's URL is known. */
export function leadLink(lead: NamedLead): string {
  return lead.recordUrl === null
    ? esc(lead.label)
    : `<a class="record" href="${esc(lead.recordUrl)}" target="_blank" rel="noopener noreferrer" title="Open in Salesforce">${esc(lead.label)}</a>`;
}

export function leftBehindTable(data: ScorecardData): string {
  if (data.leftBehind.length === 0) return '<p class="empty">No lead is waiting on anyone. Well done.</p>';
  const rows = data.leftBehind.map(
    (lead) =>
      `<tr data-lead="${esc(lead.leadId)}"><td class="text">${leadLink(lead)}</td><td class="text">${esc(lead.company ?? '–')}</td>` +
      `<td class="text">${esc(lead.campaign ?? '–')}</td><td class="text" data-owner="${esc(lead.owner ?? '')}">${esc(lead.ownerName)}</td>` +
      `<td class="text">${esc(lead.stage)}</td><td class="text">${REASON_TEXT[lead.reason]}</td><td>${daysBetween(lead.since, data.generatedAt)}</td></tr>`,
  );
  const head = ['Lead', 'Company', 'Campaign', 'Owner', 'Stage', 'Why it is here'].map(
    (h) => `<th class="text">${h}</th>`,
  );
  return `<table><thead><tr>${head.join('')}<th>Idle days</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const score = (value: number | null): string => (value === null ? '–' : value.toFixed(1));
const pill = (band: string | null): string =>
  band === null ? '<span class="muted">not enough data</span>' : `<span class="band-pill ${band}">${band}</span>`;

export function alignmentSection(data: ScorecardData): string {
  const d = data.diagnostic;
  const chart = bandChart([
    { id: 'marketing', label: 'Marketing believes', score: d.marketing },
    { id: 'sales', label: 'Sales believes', score: d.sales },
    { id: 'observed', label: 'Observed in the data', score: data.observed.score },
  ]);
  const components = data.observed.components
    .map(
      (c) =>
        `<tr data-component="${c.id}"><td>${esc(c.label)}<div class="muted">${esc(c.explanation)}</div></td><td>${c.score === null ? '–' : formatKind('rate', c.score)}</td></tr>`,
    )
    .join('');
  return (
    `${chart}<div class="two"><div><h3>Observed alignment index <span class="big" data-observed="${data.observed.score ?? ''}">${score(data.observed.score)}</span> ${data.observed.withheld === null ? pill(data.observed.band) : `<span class="muted">${esc(data.observed.withheld)}</span>`}</h3>` +
    `<table><thead><tr><th>Made of</th><th>Score</th></tr></thead><tbody>${components}</tbody></table></div><div>${diagnosticSummary(d)}</div></div>`
  );
}

function diagnosticSummary(d: DiagnosticSummary): string {
  const gaps = d.statements
    .filter((s) => s.gap !== null)
    .sort((a, b) => Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0))
    .slice(0, 5);
  const rows = gaps
    .map(
      (s) =>
        `<tr><td>${esc(s.text)}</td><td>${score(s.marketing)}</td><td>${score(s.sales)}</td><td>${(s.gap ?? 0) > 0 ? '+' : ''}${score(s.gap)}</td></tr>`,
    )
    .join('');
  const gapText = d.gap === null ? '–' : `${d.gap > 0 ? '+' : ''}${d.gap.toFixed(1)}`;
  return (
    `<h3>What the teams believe ${pill(d.band)}</h3>` +
    `<p>Marketing <b data-diagnostic="marketing">${score(d.marketing)}</b> (${d.respondents.marketing} answered) · Sales <b data-diagnostic="sales">${score(d.sales)}</b> (${d.respondents.sales} answered) · ` +
    `perception gap <b data-diagnostic="gap">${gapText}</b></p>` +
    (rows === ''
      ? '<p class="empty">No answers yet: use the questionnaire below.</p>'
      : `<table><thead><tr><th>Largest gaps (1–5)</th><th>Marketing</th><th>Sales</th><th>Gap</th></tr></thead><tbody>${rows}</tbody></table>`)
  );
}

const SCALE = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'] as const;

/** On a shared link: the name may be left out (answers counted by team only), and a link made for one team answers for it. */
export interface FormAccess {
  readonly anonymous: boolean;
  readonly team: 'marketing' | 'sales' | null;
}

export function diagnosticForm(
  data: ScorecardData,
  action: string,
  access: FormAccess = { anonymous: false, team: null },
): string {
  const head = `<tr><th>Statement</th>${SCALE.map((label, i) => `<th>${i + 1}<div class="muted">${label}</div></th>`).join('')}</tr>`;
  const rows = data.diagnostic.statements
    .map(
      (s) =>
        `<tr><td>${esc(s.text)}</td>${SCALE.map(
          (label, i) =>
            `<td><input type="radio" name="answer.${esc(s.id)}" value="${i + 1}" required aria-label="${esc(`${s.text} ${i + 1}: ${label}`)}"></td>`,
        ).join('')}</tr>`,
    )
    .join('');
  const choice = (name: string, values: readonly string[]) =>
    values
      .map(
        (v) =>
          `<label><input type="radio" name="${name}" value="${v}" required${values.length === 1 ? ' checked' : ''}> ${v}</label>`,
      )
      .join(' ');
  const name = access.anonymous
    ? `<label>Your name (leave it empty to answer anonymously: you are counted with your team only)<br><input type="text" name="respondent" maxlength="120" autocomplete="name"></label>`
    : `<label>Your name<br><input type="text" name="respondent" required maxlength="120" autocomplete="name"></label>`;
  return (
    `<form class="diagnostic" method="post" action="${esc(action)}">` +
    `<div class="who">${name}` +
    `<fieldset><legend>Function</legend>${choice('function', access.team === null ? ['marketing', 'sales'] : [access.team])}</fieldset>` +
    `<fieldset><legend>Level</legend>${choice('level', ['head', 'staff'])}</fieldset></div>` +
    `<table class="likert"><thead>${head}</thead><tbody>${rows}</tbody></table><button type="submit">Submit my answers</button></form>`
  );
}

export function glossary(data: ScorecardData): string {
  return (
    `<dl class="glossary">${data.glossary.map((g) => `<dt>${esc(g.label)}</dt><dd>${esc(g.definition)}</dd>`).join('')}` +
    `<dt>Relationship bands</dt><dd>20–39 undefined, 40–59 defined, 60–79 aligned, 80–100 integrated. Each respondent's answers (1–5) are summed over 20 statements; each function's score is the mean of its respondents; the gap is Sales minus Marketing.</dd>` +
    `<dt>Observed alignment index</dt><dd>20 + 80 × the weighted mean of SLA compliance, first touch on time, feedback coverage, wastage and the sleeping share, each scored 0 at its poor level and 1 at its good level (the protocol's observedIndex section), and at most one band above its weakest figure; no score below the minimum counts.</dd></dl>`
  );
}
