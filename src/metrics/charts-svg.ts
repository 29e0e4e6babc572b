import { BAND_RANGES } from './diagnostic';
import { escapeHtml as esc, formatKind, formatMinutes } from './format';
import type { FunnelStep, RejectionCount, SliceSummary } from './scorecard-model';
import type { Bucket, SlaWeek } from './series';

/**
 * Charts as inline SVG strings: no script, no network. Every mark carries its number three ways,
 * as visible text, as a <title> tooltip and as aria-label / data-* attributes, so a person, a
 * screen reader and a test all read the same figures.
 */
const W = 560;
const CODE_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#9c755f'] as const;
const pct = (value: number | null): string => formatKind('rate', value);
const count = (value: number): string => formatKind('count', value);

function frame(height: number, label: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>${body}</svg>`;
}

function mark(attributes: Record<string, string | number>, label: string, body: string): string {
  const data = Object.entries(attributes)
    .map(([name, value]) => ` data-${name}="${esc(String(value))}"`)
    .join('');
  return `<g class="mark" role="img" aria-label="${esc(label)}"${data}><title>${esc(label)}</title>${body}</g>`;
}

export function funnelChart(steps: readonly FunnelStep[]): string {
  const row = 40;
  const top = steps[0]?.count ?? 0;
  const body = steps.map((step, i) => {
    const y = 8 + i * row;
    const previous = i === 0 ? 0 : (steps[i - 1]?.count ?? 0);
    const share = previous === 0 ? '' : `${pct(step.count / previous)} of previous`;
    const width = top === 0 ? 0 : Math.max((step.count / top) * 240, step.count > 0 ? 2 : 0);
    return mark(
      { stage: step.stage, value: step.count },
      `${step.label}: ${step.count}${share === '' ? '' : `, ${share}`}`,
      `<text x="150" y="${y + 20}" text-anchor="end" class="axis-label">${esc(step.label)}</text>` +
        `<rect x="160" y="${y + 4}" width="${width.toFixed(1)}" height="24" rx="3" class="funnel-bar funnel-${i}"/>` +
        `<text x="${(166 + width).toFixed(1)}" y="${y + 21}" class="value">${count(step.count)}</text>` +
        (share === '' ? '' : `<text x="${W - 4}" y="${y + 21}" text-anchor="end" class="note">${esc(share)}</text>`),
    );
  });
  return frame(
    8 + steps.length * row,
    `Funnel of the leads qualified in the period: ${steps.map((s) => `${s.label} ${s.count}`).join(', ')}`,
    body.join(''),
  );
}

export function slaTrendChart(weeks: readonly SlaWeek[], formatWeek: (weekOf: string) => string): string {
  const height = 230;
  const plot = { left: 44, top: 22, width: W - 60, height: 160 };
  const step = plot.width / Math.max(weeks.length, 1);
  const y = (value: number) => plot.top + plot.height * (1 - value);
  const grid = [0, 0.5, 1].map(
    (v) =>
      `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${plot.left - 6}" y="${y(v) + 4}" text-anchor="end" class="axis-label">${v * 100} %</text>`,
  );
  const bars = weeks.map((week, i) => {
    const x = plot.left + i * step + step * 0.18;
    const width = step * 0.64;
    const centre = x + width / 2;
    const label =
      week.value === null
        ? `Week of ${formatWeek(week.weekOf)}: no settled SLA clocks`
        : `Week of ${formatWeek(week.weekOf)}: ${pct(week.value)} (${week.met} of ${week.settled} met)`;
    const bar =
      week.value === null
        ? `<text x="${centre}" y="${y(0) - 6}" text-anchor="middle" class="note">–</text>`
        : `<rect x="${x.toFixed(1)}" y="${y(week.value).toFixed(1)}" width="${width.toFixed(1)}" height="${(plot.height * week.value).toFixed(1)}" rx="2" class="${week.value >= 0.8 ? 'good' : week.value >= 0.6 ? 'fair' : 'poor'}"/>` +
          `<text x="${centre}" y="${(y(week.value) - 5).toFixed(1)}" text-anchor="middle" class="value small">${Math.round(week.value * 100)}%</text>`;
    return mark(
      {
        week: week.weekOf,
        value: week.value === null ? '' : week.value.toFixed(4),
        met: week.met,
        settled: week.settled,
      },
      label,
      `${bar}<text x="${centre}" y="${plot.top + plot.height + 18}" text-anchor="middle" class="axis-label small">${esc(formatWeek(week.weekOf))}</text>`,
    );
  });
  return frame(height, `SLA compliance by week of hand-off, last ${weeks.length} weeks`, grid.join('') + bars.join(''));
}

export function histogramChart(buckets: readonly Bucket[], title: string): string {
  const plot = { left: 16, top: 24, width: W - 32, height: 150 };
  const most = Math.max(1, ...buckets.map((b) => b.count));
  const step = plot.width / Math.max(buckets.length, 1);
  const bars = buckets.map((bucket, i) => {
    const h = (bucket.count / most) * plot.height;
    const x = plot.left + i * step + step * 0.12;
    const centre = x + step * 0.38;
    const range =
      bucket.to === null
        ? `${formatMinutes(bucket.from)} or more`
        : `${formatMinutes(bucket.from)} to ${formatMinutes(bucket.to)}`;
    return mark(
      { bucket: bucket.label, value: bucket.count },
      `${range}: ${bucket.count} leads`,
      `<rect x="${x.toFixed(1)}" y="${(plot.top + plot.height - h).toFixed(1)}" width="${(step * 0.76).toFixed(1)}" height="${h.toFixed(1)}" rx="2" class="hist"/>` +
        `<text x="${centre.toFixed(1)}" y="${(plot.top + plot.height - h - 5).toFixed(1)}" text-anchor="middle" class="value small">${count(bucket.count)}</text>` +
        `<text x="${centre.toFixed(1)}" y="${plot.top + plot.height + 18}" text-anchor="middle" class="axis-label small">${esc(bucket.label)}</text>`,
    );
  });
  const axis = `<line x1="${plot.left}" x2="${plot.left + plot.width}" y1="${plot.top + plot.height}" y2="${plot.top + plot.height}" class="grid"/>`;
  return frame(plot.top + plot.height + 30, title, axis + bars.join(''));
}

/** The codes shown in their own colour (the most frequent overall), the rest as "other". */
export function legendCodes(overall: readonly RejectionCount[]): string[] {
  return overall.slice(0, CODE_COLOURS.length - 1).map((r) => r.code);
}

export function rejectionChart(
  campaigns: readonly SliceSummary[],
  codes: readonly string[],
  campaignName: (key: string) => string,
): string {
  const total = (c: SliceSummary) => c.rejections.reduce((sum, r) => sum + r.count, 0);
  const rows = campaigns
    .filter((c) => total(c) > 0)
    .sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key))
    .slice(0, 8);
  if (rows.length === 0) return '<p class="empty">No rejections in the period.</p>';
  const most = Math.max(...rows.map(total));
  const colour = (code: string) => CODE_COLOURS[codes.indexOf(code)] ?? CODE_COLOURS[CODE_COLOURS.length - 1];
  const body = rows.map((campaign, i) => {
    const y = 6 + i * 34;
    let x = 170;
    const segments = campaign.rejections.map((r) => {
      const width = (r.count / most) * 330;
      const code = codes.includes(r.code) ? r.code : 'other';
      const segment = mark(
        { campaign: campaign.key, code: r.code, value: r.count },
        `${campaignName(campaign.key)}, ${r.code}: ${r.count}`,
        `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="22" fill="${colour(code)}"/>` +
          (width >= 8 + 7 * count(r.count).length
            ? `<text x="${(x + width / 2).toFixed(1)}" y="${y + 20}" text-anchor="middle" class="on-bar">${count(r.count)}</text>`
            : ''),
      );
      x += width;
      return segment;
    });
    return (
      `<text x="160" y="${y + 20}" text-anchor="end" class="axis-label">${esc(truncate(campaignName(campaign.key), 24))}</text>${segments.join('')}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + 20}" class="value">${count(total(campaign))}</text>`
    );
  });
  return frame(
    12 + rows.length * 34,
    `Rejection reasons for the ${rows.length} campaigns with the most rejections`,
    body.join(''),
  );
}

export function legend(codes: readonly string[], hasOther: boolean): string {
  const items = [
    ...codes.map((code, i) => [code, CODE_COLOURS[i] ?? '#999'] as const),
    ...(hasOther ? [['other', CODE_COLOURS[CODE_COLOURS.length - 1]] as const] : []),
  ];
  return `<ul class="legend">${items.map(([code, c]) => `<li><span class="swatch" style="background:${c}"></span>${esc(code)}</li>`).join('')}</ul>`;
}

export interface BandMarker {
  readonly id: 'marketing' | 'sales' | 'observed';
  readonly label: string;
  readonly score: number | null;
}

/** Where each marker's label sits: the two beliefs above the scale, what is observed below it. */
const MARKER_ROW: Readonly<Record<BandMarker['id'], { label: number; dot: number }>> = {
  marketing: { label: 14, dot: 22 },
  sales: { label: 38, dot: 46 },
  observed: { label: 136, dot: 112 },
};

export function bandChart(markers: readonly BandMarker[]): string {
  const x = (score: number) => 30 + ((Math.min(100, Math.max(20, score)) - 20) / 80) * (W - 60);
  const bands = BAND_RANGES.map((b, i) => {
    const end = i === BAND_RANGES.length - 1 ? 100 : b.to + 1;
    return (
      `<rect x="${x(b.from)}" y="58" width="${x(end) - x(b.from)}" height="34" class="band band-${b.band}"/>` +
      `<text x="${(x(b.from) + x(end)) / 2}" y="80" text-anchor="middle" class="band-label">${b.band} ${b.from}–${b.to}</text>`
    );
  });
  const ticks = [20, 40, 60, 80, 100].map(
    (t) => `<text x="${x(t)}" y="106" text-anchor="middle" class="axis-label small">${t}</text>`,
  );
  const points = markers.flatMap((m) => {
    if (m.score === null) return [];
    const cx = x(m.score);
    const row = MARKER_ROW[m.id];
    const labelX = Math.min(W - 70, Math.max(70, cx));
    const pointer =
      m.id === 'observed'
        ? `<path d="M${cx} 94 l-7 12 h14 z" class="marker-${m.id}"/>`
        : `<line x1="${cx}" x2="${cx}" y1="${row.dot}" y2="58" class="marker-line"/><circle cx="${cx}" cy="${row.dot}" r="5" class="marker-${m.id}"/>`;
    return [
      mark(
        { marker: m.id, value: m.score.toFixed(1) },
        `${m.label}: ${m.score.toFixed(1)}`,
        `${pointer}<text x="${labelX}" y="${row.label}" text-anchor="middle" class="marker-text marker-text-${m.id}">${esc(m.label)} ${m.score.toFixed(0)}</text>`,
      ),
    ];
  });
  const summary = markers.map((m) => `${m.label} ${m.score === null ? 'no data' : m.score.toFixed(1)}`).join(', ');
  return frame(
    146,
    `Position on the four relationship bands: ${summary}`,
    bands.join('') + ticks.join('') + points.join(''),
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
