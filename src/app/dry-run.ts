import { diffProtocols, leadSchema, type Lead, type Protocol, type ProtocolDiff } from '../protocol';
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

type DiffTotals = {
  -readonly [K in keyof ProtocolDiff]: ProtocolDiff[K] extends readonly (infer E)[] ? E[] : ProtocolDiff[K];
};

export function emptyDiff(): DiffTotals {
  return { leads: 0, qualifiedBefore: 0, qualifiedAfter: 0, qualification: [], sla: [] };
}

/** Diffs of disjoint sets of leads add up to the diff of their union; `into` grows in place. */
export function addDiff(into: DiffTotals, page: ProtocolDiff): void {
  into.leads += page.leads;
  into.qualifiedBefore += page.qualifiedBefore;
  into.qualifiedAfter += page.qualifiedAfter;
  into.qualification.push(...page.qualification);
  into.sla.push(...page.sla);
}
