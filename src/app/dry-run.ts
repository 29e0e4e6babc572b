import { diffProtocols, leadSchema, type Lead, type Protocol, type ProtocolDiff, type Tally } from '../protocol';
import { loadProtocol } from '../config/load-protocol';
import type { LeadId } from '../shared/ids';
import { err, ok, type Result } from '../shared/result';
import { repositories, type Queryable } from '../store';

export interface DryRun {
  /** The version live in the store, and the candidate's. */
  readonly before: string;
  readonly after: string;
  readonly diff: ProtocolDiff;
  /** Ledger rows whose state no longer matches the lead schema: left out of the comparison. */
  readonly unreadable: number;
}

export type DryRunProblem =
  | { readonly kind: 'no_active_protocol' }
  /** The stored text of the live version does not load under this release's schema. */
  | { readonly kind: 'active_protocol_unreadable'; readonly version: string; readonly message: string };

const PAGE = 500;

/** The protocol live now: the newest row of protocol_versions. */
export async function activeProtocol(db: Queryable): Promise<Result<Protocol, DryRunProblem>> {
  const [newest] = await repositories(db).protocols.list();
  if (newest === undefined) return err({ kind: 'no_active_protocol' });
  const loaded = loadProtocol(newest.content, `protocol version ${newest.version} (stored)`);
  return loaded.ok
    ? ok(loaded.value)
    : err({ kind: 'active_protocol_unreadable', version: newest.version, message: loaded.error.message });
}

/**
 * Replays every stored lead under the live protocol and under `candidate`, a page at a time so the
 * ledger is never held in memory whole. `now` is fixed for the whole walk so both sides see one instant.
 */
export async function dryRunProtocol(
  db: Queryable,
  candidate: Protocol,
  now: number,
  pageSize = PAGE,
): Promise<Result<DryRun, DryRunProblem>> {
  const active = await activeProtocol(db);
  if (!active.ok) return active;
  const leads = repositories(db).leads;
  const diff = emptyDiff();
  let unreadable = 0;
  let after: LeadId | null = null;
  for (;;) {
    const page = await leads.page(after, pageSize);
    const last = page.at(-1);
    if (last === undefined) break;
    const parsed: Lead[] = [];
    for (const record of page) {
      const lead = leadSchema.safeParse(record.state);
      if (lead.success) parsed.push(lead.data);
      else unreadable++;
    }
    addDiff(diff, diffProtocols(active.value, candidate, parsed, now));
    after = last.id;
  }
  return ok({ before: active.value.version, after: candidate.version, diff, unreadable });
}

type Tallies = Record<string, Tally>;

/** The running totals of a walk over the ledger: a ProtocolDiff that grows page by page. */
export interface DiffTotals {
  leads: number;
  qualifiedBefore: number;
  qualifiedAfter: number;
  readonly qualification: ProtocolDiff['qualification'][number][];
  readonly sla: ProtocolDiff['sla'][number][];
  readonly rules: Tallies;
  readonly points: Tallies;
  readonly territories: Tallies;
  readonly outcomes: Tallies & ProtocolDiff['outcomes'];
}

export function emptyDiff(): DiffTotals {
  const none = { before: 0, after: 0 };
  return {
    leads: 0,
    qualifiedBefore: 0,
    qualifiedAfter: 0,
    qualification: [],
    sla: [],
    rules: {},
    points: {},
    territories: {},
    outcomes: { met: none, breached: none, open: none },
  };
}

/** Counts of disjoint sets of leads add up; null (not in that protocol) stays null. */
function addTallies(into: Tallies, page: Readonly<Record<string, Tally>>): void {
  for (const [key, tally] of Object.entries(page)) {
    const sum = (a: number | null | undefined, b: number | null) => (b === null ? null : (a ?? 0) + b);
    const held = into[key];
    into[key] = { before: sum(held?.before, tally.before), after: sum(held?.after, tally.after) };
  }
}

/** Diffs of disjoint sets of leads add up to the diff of their union; `into` grows in place. */
export function addDiff(into: DiffTotals, page: ProtocolDiff): void {
  into.leads += page.leads;
  into.qualifiedBefore += page.qualifiedBefore;
  into.qualifiedAfter += page.qualifiedAfter;
  into.qualification.push(...page.qualification);
  into.sla.push(...page.sla);
  addTallies(into.rules, page.rules);
  addTallies(into.territories, page.territories);
  addTallies(into.outcomes, page.outcomes);
  // Points are the protocols' own, the same on every page.
  Object.assign(into.points, page.points);
}

/** The text stored under each protocol version that has gone live, to refuse a version name reused for another text. */
export async function storedProtocolTexts(db: Queryable): Promise<Map<string, string>> {
  const versions = await repositories(db).protocols.list();
  return new Map(versions.map((stored) => [stored.version, stored.content]));
}
