import type { LeadId } from '../shared/ids';
import { addBusinessMinutes } from './business-hours';
import { contactProperties } from './field-sync';
import type { Lead } from './lead';
import { qualify, type QualificationResult } from './qualification';
import { route } from './routing';
import type { Protocol } from './schema/protocol.schema';
import { isBlank } from './values';

export type AcceptOutcome = 'met' | 'breached' | 'open';
const OUTCOMES: readonly AcceptOutcome[] = ['met', 'breached', 'open'];

export interface QualificationChange {
  readonly leadId: LeadId;
  /** How people know the lead: its e-mail address, else its HubSpot contact id. */
  readonly lead: string;
  readonly before: boolean;
  readonly after: boolean;
}

export interface SlaChange {
  readonly leadId: LeadId;
  readonly lead: string;
  readonly before: AcceptOutcome;
  readonly after: AcceptOutcome;
}

/** A count under the live protocol and under the candidate; null where that protocol has no such thing. */
export interface Tally {
  readonly before: number | null;
  readonly after: number | null;
}

/** What replaying stored leads under a new protocol would change (`leadpact check --dry-run`). */
export interface ProtocolDiff {
  readonly leads: number;
  readonly qualifiedBefore: number;
  readonly qualifiedAfter: number;
  readonly qualification: readonly QualificationChange[];
  /** Handed-off leads whose acceptance would have been judged differently (window, calendar, holidays). */
  readonly sla: readonly SlaChange[];
  /** Per rule ("fit icp-size"): how many leads it holds for. */
  readonly rules: Readonly<Record<string, Tally>>;
  /** Per rule: its points (the same on every page). */
  readonly points: Readonly<Record<string, Tally>>;
  /** Per territory: how many of the leads that qualify it would receive. */
  readonly territories: Readonly<Record<string, Tally>>;
  /** Per acceptance outcome: how many handed-off leads end so. */
  readonly outcomes: Readonly<Record<AcceptOutcome, Tally>>;
}

/**
 * The instant a lead was last judged, and what it had then: scores are computed again whenever a
 * property changes, so the properties it holds now are those it was judged on; touches are the
 * ones it had by then. A replay "as of today" would let every recency rule lapse.
 */
function asJudged(lead: Lead): { at: number; touches: Lead['touches'] } {
  const at = lead.qualification?.evaluatedAt ?? lead.mqlAt ?? lead.createdAt;
  return { at, touches: lead.touches.filter((touch) => touch.at <= at) };
}

function judge(lead: Lead, protocol: Protocol): QualificationResult {
  const { at, touches } = asJudged(lead);
  return qualify(contactProperties(lead), touches, protocol.qualification, at);
}

/** How people know a lead: its e-mail address, else its HubSpot contact, else its id. */
export function leadName(lead: Lead, protocol: Protocol): string {
  const email = contactProperties(lead)[protocol.handoff.emailProperty];
  if (!isBlank(email)) return String(email);
  return lead.hubspotContactId === null ? `lead ${lead.id}` : `HubSpot contact ${lead.hubspotContactId}`;
}

function calendarFor(protocol: Protocol, territory: string | null): string {
  return (
    protocol.routing.territories.find((candidate) => candidate.name === territory)?.calendar ??
    protocol.routing.fallback.calendar
  );
}

/** The acceptance outcome of a handed-off lead under a protocol: answered (accepted, rejected or converted) by the due time, after it, or not yet. */
function acceptOutcome(lead: Lead, protocol: Protocol, now: number): AcceptOutcome | null {
  if (lead.handedOffAt === null) return null;
  const calendar = protocol.calendars[calendarFor(protocol, lead.territory)];
  if (calendar === undefined) return null;
  const override = protocol.routing.territories.find((candidate) => candidate.name === lead.territory)?.sla
    ?.acceptBusinessHours;
  const due = addBusinessMinutes(lead.handedOffAt, (override ?? protocol.sla.accept.businessHours) * 60, calendar);
  const answered = lead.acceptedAt ?? lead.rejectedAt ?? lead.convertedAt;
  if (answered !== null) return answered <= due ? 'met' : 'breached';
  return now > due ? 'breached' : 'open';
}

type Side = 'before' | 'after';
type Tallies = Record<string, { before: number | null; after: number | null }>;

function ruleKeys(protocol: Protocol): Map<string, number> {
  const keys = new Map<string, number>();
  for (const axis of ['fit', 'readiness'] as const)
    for (const rule of protocol.qualification[axis].rules) keys.set(`${axis} ${rule.id}`, rule.points);
  return keys;
}

/** Every rule of either protocol at 0 leads (null where a protocol lacks it), and the points of each. */
function ruleTallies(before: Protocol, after: Protocol): { rules: Tallies; points: Tallies } {
  const [was, is] = [ruleKeys(before), ruleKeys(after)];
  const rules: Tallies = {};
  const points: Tallies = {};
  for (const key of new Set([...was.keys(), ...is.keys()])) {
    rules[key] = { before: was.has(key) ? 0 : null, after: is.has(key) ? 0 : null };
    points[key] = { before: was.get(key) ?? null, after: is.get(key) ?? null };
  }
  return { rules, points };
}

function bump(tallies: Tallies, key: string, side: Side): void {
  const tally = (tallies[key] ??= { before: 0, after: 0 });
  tally[side] = (tally[side] ?? 0) + 1;
}

/**
 * Replays stored leads under the old and the new protocol, each as of when it was last judged:
 * who would qualify that did not (and the reverse), how many leads each rule holds for, where the
 * qualified ones would be routed, and which acceptance SLA outcomes would differ. Pure: the leads
 * come in, and `now` (for SLA clocks still running).
 */
export function diffProtocols(before: Protocol, after: Protocol, leads: readonly Lead[], now: number): ProtocolDiff {
  const qualification: QualificationChange[] = [];
  const sla: SlaChange[] = [];
  const { rules, points } = ruleTallies(before, after);
  const territories: Tallies = {};
  const outcomes: Tallies = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, { before: 0, after: 0 }]));
  const qualified = { before: 0, after: 0 };
  for (const lead of leads) {
    const name = leadName(lead, after);
    const result: Record<Side, boolean> = { before: false, after: false };
    for (const [side, protocol] of [
      ['before', before],
      ['after', after],
    ] as const) {
      const judged = judge(lead, protocol);
      for (const hit of judged.fit.hits) bump(rules, `fit ${hit.rule}`, side);
      for (const hit of judged.readiness.hits) bump(rules, `readiness ${hit.rule}`, side);
      result[side] = lead.retired === null && judged.qualified;
      if (result[side]) {
        qualified[side] += 1;
        bump(territories, route(contactProperties(lead), protocol.routing).territory, side);
      }
    }
    if (result.before !== result.after)
      qualification.push({ leadId: lead.id, lead: name, before: result.before, after: result.after });
    const [outcomeBefore, outcomeAfter] = [acceptOutcome(lead, before, now), acceptOutcome(lead, after, now)];
    if (outcomeBefore !== null) bump(outcomes, outcomeBefore, 'before');
    if (outcomeAfter !== null) bump(outcomes, outcomeAfter, 'after');
    if (outcomeBefore !== null && outcomeAfter !== null && outcomeBefore !== outcomeAfter)
      sla.push({ leadId: lead.id, lead: name, before: outcomeBefore, after: outcomeAfter });
  }
  return {
    leads: leads.length,
    qualifiedBefore: qualified.before,
    qualifiedAfter: qualified.after,
    qualification,
    sla,
    rules,
    points,
    territories,
    outcomes: outcomes as Record<AcceptOutcome, Tally>,
  };
}

const LISTED = 20;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;
const shown = (n: number | null) => (n === null ? '-' : n.toLocaleString('en-US'));

function changedTallies(tallies: Readonly<Record<string, Tally>>, also: (key: string) => boolean = () => false) {
  return Object.entries(tallies).filter(([key, tally]) => tally.before !== tally.after || also(key));
}

function ruleLines(diff: ProtocolDiff): string[] {
  const pointsOf = (key: string) => diff.points[key] ?? { before: null, after: null };
  const changed = changedTallies(diff.rules, (key) => pointsOf(key).before !== pointsOf(key).after);
  if (changed.length === 0) return ['  rules: each holds for the same leads, for the same points'];
  return [
    '  rules (leads each holds for):',
    ...changed.map(([key, tally]) => {
      const points = pointsOf(key);
      const note =
        points.before === null
          ? ` (new, ${signed(points.after ?? 0)} points)`
          : points.after === null
            ? ' (removed)'
            : points.before === points.after
              ? ''
              : ` (${signed(points.before)} -> ${signed(points.after)} points)`;
      return `    ${key}${note}: ${shown(tally.before)} -> ${shown(tally.after)}`;
    }),
  ];
}

function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, LISTED).map(line);
  if (items.length > LISTED) lines.push(`    ... and ${items.length - LISTED} more`);
  return lines;
}

/** The dry-run report, in words, naming leads by e-mail; lines stay within 100 columns for names that do. */
export function describeProtocolDiff(
  diff: ProtocolDiff,
  versions: { readonly before: string; readonly after: string },
): string {
  const delta = diff.qualifiedAfter - diff.qualifiedBefore;
  const gained = diff.qualification.filter((change) => change.after).length;
  const lost = diff.qualification.length - gained;
  const territories = changedTallies(diff.territories);
  const outcomes = OUTCOMES.map((outcome) => {
    const tally = diff.outcomes[outcome];
    return `${outcome} ${shown(tally.before)} -> ${shown(tally.after)}`;
  });
  return [
    `Replaying ${diff.leads.toLocaleString('en-US')} leads, each as of when it was last judged: ` +
      `protocol ${versions.before} -> ${versions.after}`,
    `  qualified: ${diff.qualifiedBefore} -> ${diff.qualifiedAfter} (${signed(delta)}; ` +
      `${gained} would qualify, ${lost} would not any more)`,
    ...listed(diff.qualification, (change) => `    ${change.lead}: ${change.after ? 'would qualify' : 'would not'}`),
    ...ruleLines(diff),
    ...(territories.length === 0
      ? ['  territories: each would receive the same qualified leads']
      : [
          '  territories (qualified leads each would receive):',
          ...territories.map(([name, tally]) => `    ${name}: ${shown(tally.before)} -> ${shown(tally.after)}`),
        ]),
    `  acceptance SLA outcomes: ${outcomes.join(', ')}; ${diff.sla.length} ${diff.sla.length === 1 ? 'lead' : 'leads'} would end otherwise`,
    ...listed(diff.sla, (change) => `    ${change.lead}: ${change.before} -> ${change.after}`),
  ].join('\n');
}
