import { METRIC_IDS, METRICS, type MetricId, type MetricKind } from './catalogue';
import { bandChart, funnelChart } from './charts-svg';
import { compareMetric, daysBetween, formatKind, formatMetric, type Change } from './format';
import { sliceName } from './html-sections';
import { actionsSection, meetingAgendaItems } from './render-meetings';
import { offTargetItems, targetsSection } from './pack-targets';
import type { ScorecardData } from './scorecard-model';

/** What the pack says, before it is written as Markdown or HTML. */
export type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Per row, where its first cell links to (the lead's record); null for no link. */
      readonly links?: readonly (string | null)[];
    }
  /** An inline SVG chart; Markdown shows its `alt` text instead. */
  | { readonly kind: 'chart'; readonly svg: string; readonly alt: string };

export interface PackSection {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface PackModel {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly PackSection[];
}

const MOST_CHANGES = 8;
/** Anything from nothing is an infinite relative change; past this size changes rank as equals. */
const SIZE_CAP = 10;
/** On equal size, rates come first: the sources judge quality and conversion, never volume alone. */
const KIND_RANK: Readonly<Record<MetricKind, number>> = { rate: 0, minutes: 1, days: 1, money: 2, count: 3 };
const score = (value: number | null): string => (value === null ? 'no data' : value.toFixed(1));

/** The monthly pack: short by design (the meeting has other business), concrete, the same for both teams. */
export function packModel(current: ScorecardData, previous: ScorecardData): PackModel {
  const changes = METRIC_IDS.map((m) => compareMetric(m, current.overall[m].value, previous.overall[m].value));
  return {
    title: `Alignment pack: ${current.period.label}`,
    subtitle: `For the joint Sales and Marketing meeting · compared with ${previous.period.label}`,
    sections: [
      standing(current, previous),
      targetsSection(current),
      actionsSection(current.meetings),
      { title: 'What improved', blocks: [changeList(changes, 'better', 'Nothing improved by a meaningful margin.')] },
      { title: 'What got worse', blocks: [changeList(changes, 'worse', 'Nothing got worse by a meaningful margin.')] },
      { title: 'Campaigns that moved', blocks: campaignMovers(current, previous) },
      { title: 'Why Sales rejected leads', blocks: [pareto(current)] },
      { title: 'Leads left behind', blocks: [leftBehind(current)] },
      { title: 'To discuss', blocks: [{ kind: 'list', items: agenda(current) }] },
    ],
  };
}

function standing(current: ScorecardData, previous: ScorecardData): PackSection {
  const d = current.diagnostic;
  const was = (now: number | null, before: number | null) =>
    now === null || before === null ? '' : ` (was ${before.toFixed(1)})`;
  return {
    title: 'Where we stand',
    blocks: [
      {
        kind: 'p',
        text: `Observed in the data: ${current.observed.withheld ?? `${score(current.observed.score)}, ${current.observed.band ?? 'not enough data'}`}${was(current.observed.score, previous.observed.score)}.`,
      },
      {
        kind: 'p',
        text: `What the teams believe: Marketing ${score(d.marketing)}, Sales ${score(d.sales)}, gap ${d.gap === null ? 'unknown' : `${d.gap > 0 ? '+' : ''}${d.gap.toFixed(1)}`}; together ${d.band ?? 'no answers yet'}${was(d.overall, previous.diagnostic.overall)}.`,
      },
      {
        kind: 'chart',
        svg: bandChart([
          { id: 'marketing', label: 'Marketing believes', score: d.marketing },
          { id: 'sales', label: 'Sales believes', score: d.sales },
          { id: 'observed', label: 'Observed in the data', score: current.observed.score },
        ]),
        alt: '',
      },
      {
        kind: 'chart',
        svg: funnelChart(current.funnel),
        alt: `Funnel: ${current.funnel.map((s) => `${s.label} ${s.count}`).join(' → ')}.`,
      },
    ],
  };
}

function changeList(changes: readonly Change[], direction: 'better' | 'worse', none: string): Block {
  const rank = (c: Change) => Math.min(c.size, SIZE_CAP);
  const picked = changes
    .filter((c) => c.direction === direction)
    .sort((a, b) => rank(b) - rank(a) || KIND_RANK[METRICS[a.metric].kind] - KIND_RANK[METRICS[b.metric].kind])
    .slice(0, MOST_CHANGES);
  if (picked.length === 0) return { kind: 'p', text: none };
  return {
    kind: 'list',
    items: picked.map(
      (c) => `${c.label}: ${formatMetric(c.metric, c.current)} (was ${formatMetric(c.metric, c.previous)}, ${c.text})`,
    ),
  };
}

const MOVER_METRICS: readonly MetricId[] = ['acceptance_rate', 'wastage_rate', 'sla_compliance'];
/** compareMetric measures rate changes in units of two points. */
const FIVE_POINTS = 2.5;

function campaignMovers(current: ScorecardData, previous: ScorecardData): Block[] {
  const before = new Map(previous.slices.campaign.map((s) => [s.key, s]));
  const moves = current.slices.campaign.flatMap((slice) => {
    const earlier = before.get(slice.key);
    if (earlier === undefined) return [];
    return MOVER_METRICS.map((m) => ({
      campaign: slice.key,
      change: compareMetric(m, slice.metrics[m].value, earlier.metrics[m].value),
    })).filter(
      (move) =>
        (move.change.direction === 'better' || move.change.direction === 'worse') && move.change.size >= FIVE_POINTS,
    );
  });
  const rows = moves
    .sort((a, b) => b.change.size - a.change.size)
    .slice(0, 8)
    .map(({ campaign, change }) => [
      sliceName(campaign),
      change.label,
      formatMetric(change.metric, change.previous),
      formatMetric(change.metric, change.current),
      change.direction,
    ]);
  return rows.length === 0
    ? [{ kind: 'p', text: 'No campaign present in both periods moved by five points or more.' }]
    : [{ kind: 'table', head: ['Campaign', 'Metric', 'Before', 'Now', 'Verdict'], rows }];
}

function pareto(current: ScorecardData): Block {
  const total = current.rejections.reduce((sum, r) => sum + r.count, 0);
  if (total === 0) return { kind: 'p', text: 'No lead handed off in the period was rejected.' };
  let running = 0;
  const rows = current.rejections.map((r) => {
    running += r.count;
    return [r.code, String(r.count), formatKind('rate', r.count / total), formatKind('rate', running / total)];
  });
  return { kind: 'table', head: ['Reason', 'Rejections', 'Share', 'Cumulative'], rows };
}

function leftBehind(current: ScorecardData): Block {
  if (current.leftBehind.length === 0)
    return { kind: 'p', text: 'None: every lead in the pipeline has someone acting on it.' };
  return {
    kind: 'table',
    head: ['Lead', 'Company', 'Campaign', 'Owner', 'Stage', 'Why', 'Idle days'],
    links: current.leftBehind.map((l) => l.recordUrl),
    rows: current.leftBehind.map((l) => [
      l.label,
      l.company ?? '–',
      l.campaign ?? '–',
      l.ownerName,
      l.stage,
      l.reason.replace('_', ' '),
      String(daysBetween(l.since, current.generatedAt)),
    ]),
  };
}

/** Concrete questions from the numbers; nothing when all is well. */
export function agenda(current: ScorecardData): string[] {
  const o = current.overall;
  const items: string[] = [...offTargetItems(current), ...meetingAgendaItems(current.meetings)];
  const uncoded = (o.rejected.numerator ?? 0) - (o.feedback_coverage.numerator ?? 0);
  const many = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;
  if (uncoded > 0)
    items.push(
      `${many(uncoded, 'rejection', 'rejections')} had no valid agreed code: how should Sales record ${uncoded === 1 ? 'it' : 'them'}?`,
    );
  const notPursued = o.not_pursued_rate.numerator ?? 0;
  if (notPursued > 0)
    items.push(
      `${many(notPursued, 'hand-off was', 'hand-offs were')} neither touched nor rejected within ${current.thresholds.notPursuedDays} days: who picks ${notPursued === 1 ? 'it' : 'them'} up?`,
    );
  const breached = (o.sla_compliance.denominator ?? 0) - (o.sla_compliance.numerator ?? 0);
  if (breached > 0)
    items.push(
      `${many(breached, 'acceptance SLA was', 'acceptance SLAs were')} breached: is the window right, or the routing?`,
    );
  const waiting = current.leftBehind.length;
  if (waiting > 0)
    items.push(
      `${waiting} ${waiting === 1 ? 'lead is' : 'leads are'} waiting on someone (listed above): assign, recycle or close ${waiting === 1 ? 'it' : 'each'}.`,
    );
  const d = current.diagnostic;
  const widest = [...d.statements]
    .filter((s) => s.gap !== null)
    .sort((a, b) => Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0))[0];
  if (d.gap !== null && Math.abs(d.gap) >= 10 && widest !== undefined)
    items.push(
      `Marketing and Sales see the relationship ${Math.abs(d.gap).toFixed(0)} points apart; start with “${widest.text}”`,
    );
  if (d.band !== null && current.observed.band !== null && d.band !== current.observed.band)
    items.push(`The teams believe the relationship is ${d.band}; the data says ${current.observed.band}.`);
  return items.length === 0 ? ['Nothing is off track: keep the protocol as it is.'] : items;
}
