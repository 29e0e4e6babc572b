/** One marketing-qualified lead as rule feedback sees it. */
export interface FeedbackLead {
  /** The qualification rules that held for it, as "fit icp-industry" or "readiness demo-request". */
  readonly rules: readonly string[];
  readonly campaign: string | null;
  readonly source: string | null;
  readonly handedOff: boolean;
  readonly accepted: boolean;
  readonly won: boolean;
  /** Its fit and readiness scores as last judged. */
  readonly scores?: Readonly<Record<Axis, number>>;
}

export type Axis = 'fit' | 'readiness';

/** A group of leads: how many, and how Sales treated them. */
export interface GroupRates {
  readonly leads: number;
  readonly handedOff: number;
  /** Accepted ÷ handed off. */
  readonly acceptance: number | null;
  /** 1 − accepted ÷ marketing-qualified. */
  readonly wastage: number | null;
  /** Won ÷ marketing-qualified. */
  readonly win: number | null;
}

export interface FeedbackRow {
  readonly kind: 'rule' | 'campaign' | 'source';
  readonly key: string;
  /** The leads it fired on (of that campaign, from that source) ... */
  readonly fired: GroupRates;
  /** ... against every other marketing-qualified lead of the period. */
  readonly others: GroupRates;
  /** Acceptance of `fired` − acceptance of `others`, in points of a share; null when a side is too small. */
  readonly gap: number | null;
  /** Said when a side has too few leads for its rates to mean anything. */
  readonly note: string | null;
}

export interface RuleFeedback {
  readonly leads: number;
  readonly minimum: number;
  readonly rules: readonly FeedbackRow[];
  readonly campaigns: readonly FeedbackRow[];
  readonly sources: readonly FeedbackRow[];
}

/** Below this many leads on a side, its rates are shown but not compared. */
export const DEFAULT_FEEDBACK_MINIMUM = 10;
export const NO_VALUE = '(none)';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function groupRates(leads: readonly FeedbackLead[]): GroupRates {
  const handedOff = leads.filter((l) => l.handedOff).length;
  const accepted = leads.filter((l) => l.accepted).length;
  const won = leads.filter((l) => l.won).length;
  return {
    leads: leads.length,
    handedOff,
    acceptance: share(accepted, handedOff),
    wastage: share(leads.length - accepted, leads.length),
    win: share(won, leads.length),
  };
}

function row(
  kind: FeedbackRow['kind'],
  key: string,
  leads: readonly FeedbackLead[],
  holds: (lead: FeedbackLead) => boolean,
  minimum: number,
): FeedbackRow {
  const fired = groupRates(leads.filter(holds));
  const others = groupRates(leads.filter((lead) => !holds(lead)));
  const small = [
    ...(fired.handedOff < minimum ? [`${fired.handedOff} handed off with it`] : []),
    ...(others.handedOff < minimum ? [`${others.handedOff} without`] : []),
  ];
  const note = small.length === 0 ? null : `too few leads: ${small.join(', ')} (${minimum} needed)`;
  const gap =
    note === null && fired.acceptance !== null && others.acceptance !== null
      ? fired.acceptance - others.acceptance
      : null;
  return { kind, key, fired, others, gap, note };
}

const valuesOf = (leads: readonly FeedbackLead[], pick: (lead: FeedbackLead) => string | null): string[] =>
  [...new Set(leads.map((lead) => pick(lead) ?? NO_VALUE))].sort();

/**
 * For each qualification rule, campaign and source: the acceptance, wastage and win rates of the
 * marketing-qualified leads it concerns against all the others, so Marketing sees which rules
 * bring leads Sales accepts (research 5.1, 5.2: feedback that improves the lead definition).
 */
export function ruleFeedback(
  leads: readonly FeedbackLead[],
  ruleIds: readonly string[],
  minimum = DEFAULT_FEEDBACK_MINIMUM,
): RuleFeedback {
  return {
    leads: leads.length,
    minimum,
    rules: ruleIds.map((id) => row('rule', id, leads, (lead) => lead.rules.includes(id), minimum)),
    campaigns: valuesOf(leads, (l) => l.campaign).map((c) =>
      row('campaign', c, leads, (l) => (l.campaign ?? NO_VALUE) === c, minimum),
    ),
    sources: valuesOf(leads, (l) => l.source).map((s) =>
      row('source', s, leads, (l) => (l.source ?? NO_VALUE) === s, minimum),
    ),
  };
}

/** A change of one rule's points, or of an axis' threshold, that the numbers suggest, before it is replayed. */
export interface PointsProposal {
  readonly kind: 'points' | 'threshold';
  /** "fit icp-industry" for points, "fit" for a threshold. */
  readonly rule: string;
  readonly from: number;
  readonly to: number;
  readonly why: string;
}

/** A gap in acceptance of at least this many points (0.15 = 15) makes a proposal. */
export const PROPOSAL_GAP = 0.15;
const MOST_PROPOSALS = 3;
const pct = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(0)} %`);

/**
 * Rules whose leads Sales accepts much less (or much more) often than the others: halve the points
 * of the first, raise those of the second by half; the largest gaps first, at most three.
 */
export function proposeChanges(
  feedback: RuleFeedback,
  pointsOf: (rule: string) => number | undefined,
): PointsProposal[] {
  return feedback.rules
    .filter((r) => r.gap !== null && Math.abs(r.gap) >= PROPOSAL_GAP)
    .sort((a, b) => Math.abs(b.gap ?? 0) - Math.abs(a.gap ?? 0))
    .flatMap((r) => {
      const from = pointsOf(r.key);
      if (from === undefined || from === 0) return [];
      const worse = (r.gap ?? 0) < 0;
      const to = worse ? Math.trunc(from / 2) : Math.round(from * 1.5);
      const why = `Sales accepted ${pct(r.fired.acceptance)} of the ${r.fired.handedOff} leads it fired on, ${pct(r.others.acceptance)} of the ${r.others.handedOff} others`;
      return to === from ? [] : [{ kind: 'points' as const, rule: r.key, from, to, why }];
    })
    .slice(0, MOST_PROPOSALS);
}

/**
 * Thresholds that let in leads Sales rarely takes: when the third of the handed-off leads scoring
 * lowest on an axis is accepted 15 points or more less often than the rest (both with enough
 * leads), raise that axis' threshold just above their scores.
 */
export function proposeThresholds(
  leads: readonly FeedbackLead[],
  thresholds: Readonly<Record<Axis, number>>,
  minimum = DEFAULT_FEEDBACK_MINIMUM,
): PointsProposal[] {
  return (['fit', 'readiness'] as const).flatMap((axis) => {
    const scored = leads
      .filter((lead) => lead.handedOff && lead.scores !== undefined)
      .sort((a, b) => (a.scores?.[axis] ?? 0) - (b.scores?.[axis] ?? 0));
    const cut = scored[Math.floor(scored.length / 3)]?.scores?.[axis];
    if (cut === undefined) return [];
    const near = scored.filter((lead) => (lead.scores?.[axis] ?? 0) < cut);
    const rest = scored.filter((lead) => (lead.scores?.[axis] ?? 0) >= cut);
    const [low, high] = [groupRates(near), groupRates(rest)];
    if (near.length < minimum || rest.length < minimum || low.acceptance === null || high.acceptance === null)
      return [];
    if (high.acceptance - low.acceptance < PROPOSAL_GAP || cut <= thresholds[axis]) return [];
    const why = `Sales accepted ${pct(low.acceptance)} of the ${low.handedOff} leads scoring under ${cut} on ${axis}, ${pct(high.acceptance)} of the ${high.handedOff} others`;
    return [{ kind: 'threshold' as const, rule: axis, from: thresholds[axis], to: cut, why }];
  });
}
