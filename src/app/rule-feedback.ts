import { leadSchema, type Lead, type Protocol } from '../protocol';
import { resolvePeriod } from '../metrics/period';
import {
  proposeChanges,
  proposeThresholds,
  ruleFeedback,
  type FeedbackLead,
  type PointsProposal,
  type RuleFeedback,
} from '../metrics/rule-feedback';
import { err, ok, type Result } from '../shared/result';
import { repositories, type Queryable } from '../store';
import { activeProtocol, dryRunProtocol, type DryRun } from './dry-run';

export interface Proposal extends PointsProposal {
  /** What `leadpact check --dry-run` gives for the protocol with this one change. */
  readonly dryRun: DryRun;
}

export interface RuleFeedbackReport {
  readonly period: { readonly label: string; readonly start: number; readonly end: number };
  readonly version: string;
  readonly feedback: RuleFeedback;
  readonly proposals: readonly Proposal[];
}

const PAGE = 500;
const AXES = ['fit', 'readiness'] as const;

function feedbackLead(lead: Lead): FeedbackLead | null {
  if (lead.retired !== null || lead.qualification === null) return null;
  const q = lead.qualification;
  return {
    rules: AXES.flatMap((axis) => q[axis].hits.map((hit) => `${axis} ${hit.rule}`)),
    campaign: lead.campaign,
    source: lead.source,
    handedOff: lead.handedOffAt !== null,
    accepted: lead.acceptedAt !== null,
    won: lead.outcome === 'won',
    scores: { fit: q.fit.score, readiness: q.readiness.score },
  };
}

/** The marketing-qualified leads of [start, end), read a page at a time. */
async function cohort(db: Queryable, start: number, end: number): Promise<FeedbackLead[]> {
  const leads = repositories(db).leads;
  const found: FeedbackLead[] = [];
  for (let after = null as Lead['id'] | null; ;) {
    const page = await leads.page(after, PAGE);
    const last = page.at(-1);
    if (last === undefined) return found;
    for (const record of page) {
      const lead = leadSchema.safeParse(record.state);
      if (!lead.success || lead.data.mqlAt === null || lead.data.mqlAt < start || lead.data.mqlAt >= end) continue;
      const seen = feedbackLead(lead.data);
      if (seen !== null) found.push(seen);
    }
    after = last.id;
  }
}

/** The live protocol with one rule's points changed, under a version name of its own. */
function withChange(protocol: Protocol, proposal: PointsProposal): Protocol {
  const [axis, id] = proposal.rule.split(' ') as [(typeof AXES)[number], string | undefined];
  const changed = structuredClone(protocol);
  if (proposal.kind === 'threshold') changed.qualification[axis].threshold = proposal.to;
  const rule = changed.qualification[axis].rules.find((r) => r.id === id);
  if (proposal.kind === 'points' && rule !== undefined) rule.points = proposal.to;
  const what = proposal.kind === 'threshold' ? `${axis} threshold` : proposal.rule;
  return { ...changed, version: `${protocol.version} with ${what} at ${proposal.to}` };
}

/**
 * Rule feedback of a period (issue 19): how the leads each rule, campaign and source brought fared
 * with Sales, and the point changes the numbers suggest, each replayed over the stored leads as
 * `leadpact check --dry-run` replays a protocol file.
 */
export async function ruleFeedbackReport(
  db: Queryable,
  options: { readonly period: string; readonly timeZone?: string; readonly minimum?: number },
  now: number,
): Promise<Result<RuleFeedbackReport, string>> {
  const pair = resolvePeriod(options.period, now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  const live = await activeProtocol(db);
  if (!live.ok)
    return err(
      live.error.kind === 'no_active_protocol'
        ? 'no protocol has gone live in this store yet (start the service once): there is nothing to judge'
        : `the live protocol (version ${live.error.version}) no longer loads: ${live.error.message}`,
    );
  const protocol = live.value;
  const { start, end, label } = pair.value.current;
  const ruleIds = AXES.flatMap((axis) => protocol.qualification[axis].rules.map((r) => `${axis} ${r.id}`));
  const leads = await cohort(db, start, end);
  const feedback = ruleFeedback(leads, ruleIds, options.minimum);
  const pointsOf = (key: string) => {
    const [axis, id] = key.split(' ') as [(typeof AXES)[number], string];
    return protocol.qualification[axis].rules.find((r) => r.id === id)?.points;
  };
  const proposals: Proposal[] = [];
  const thresholds = {
    fit: protocol.qualification.fit.threshold,
    readiness: protocol.qualification.readiness.threshold,
  };
  for (const proposal of [
    ...proposeThresholds(leads, thresholds, options.minimum),
    ...proposeChanges(feedback, pointsOf),
  ]) {
    const replayed = await dryRunProtocol(db, withChange(protocol, proposal), now);
    if (replayed.ok) proposals.push({ ...proposal, dryRun: replayed.value });
  }
  return ok({ period: { label, start, end }, version: protocol.version, feedback, proposals });
}
