import { z } from 'zod';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { ApplyDeps } from '../../jobs/apply-events';
import { contactPropertiesToRead, routeContact } from '../../jobs/inbound/hubspot-changes';
import { applyRouted, changedAt } from '../../jobs/inbound/inbound.job';
import { routeSalesforceChange, type Routed } from '../../jobs/inbound/salesforce-changes';
import { sleep } from '../../jobs/rate-window';
import { salesforceReadFields } from '../../jobs/reconcile.job';
import type { ApiUsage, ChangeCursor } from '../shared/crm-port';
import { repositories, type Db } from '../store';
import { budgetDecision, DEFAULT_BUDGET, type BudgetPolicy } from './budget';

/**
 * The records a backfill walks, in order. The names are those of reconciliation's cursors
 * (jobs/reconcile.job.ts), which a finished backfill hands its position to.
 */
export const BACKFILL_SOURCES = ['hubspot:contacts', 'salesforce:Lead', 'salesforce:Contact'] as const;
export type BackfillSource = (typeof BACKFILL_SOURCES)[number];

/** Where a backfill of one source stands, stored after every page under `backfill:<source>`. */
const stateSchema = z.object({
  /** The --since this backfill started from: another --since starts another backfill. */
  from: z.string(),
  since: z.string(),
  afterId: z.string().nullable(),
  /** The first change instant read: 0 % of the progress bar. */
  origin: z.number().nullable(),
  read: z.number().int().min(0),
  done: z.boolean(),
});
type SourceState = z.infer<typeof stateSchema>;

export interface BackfillDeps {
  readonly db: Db;
  /** Writes go through the engine and the outbox, as reconciliation's do. */
  readonly apply: ApplyDeps;
  readonly hubspot: HubSpotPort;
  readonly salesforce: SalesforcePort;
  readonly budget?: BudgetPolicy;
  /** Records a page: 100 for HubSpot (a search page), 200 for Salesforce (a collection's worth). */
  readonly pageSize?: { readonly hubspot?: number; readonly salesforce?: number };
  /** Aborting stops after the page being applied; its cursor is stored, so nothing is lost. */
  readonly signal?: AbortSignal;
  /** Awaited after each page is stored (the caller may look at the outbox). */
  readonly onPage?: (progress: SourceProgress) => void | Promise<void>;
  readonly now?: () => number;
}

export interface SourceProgress {
  readonly source: BackfillSource;
  /** Records read by every run of this backfill, and by this run. */
  readonly read: number;
  readonly readThisRun: number;
  /** Share of the time range from the first change to now already read (records come oldest first). */
  readonly fraction: number | null;
  /** The modification instant read up to (ISO 8601). */
  readonly position: string;
  readonly done: boolean;
}

export type SourceOutcome =
  | { readonly source: BackfillSource; readonly status: 'finished'; readonly read: number; readonly readThisRun: number }
  | { readonly source: BackfillSource; readonly status: 'interrupted'; readonly read: number; readonly readThisRun: number }
  /** The API budget says stop; the same command resumes later. */
  | { readonly source: BackfillSource; readonly status: 'paused'; readonly read: number; readonly readThisRun: number; readonly reason: string };

interface Page {
  readonly count: number;
  readonly firstAt: number | null;
  readonly next: ChangeCursor;
  readonly more: boolean;
  readonly routed: readonly Routed[];
}

interface Reader {
  read(cursor: ChangeCursor): Promise<Page>;
  usage(): ApiUsage;
}

/**
 * The initial sync: every contact and lead changed since `since`, oldest first, fed through the
 * same path as reconciliation, a page at a time (memory stays flat however many there are). The
 * cursor is stored after each page, so a killed backfill resumes where it stopped; re-applying a
 * page changes nothing (event ids are the records' modification stamps).
 */
export async function backfill(deps: BackfillDeps, since: number): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  for (const source of BACKFILL_SOURCES) {
    const outcome = await backfillSource(deps, source, since);
    outcomes.push(outcome);
    if (outcome.status !== 'finished') break;
  }
  return outcomes;
}

async function backfillSource(deps: BackfillDeps, source: BackfillSource, since: number): Promise<SourceOutcome> {
  const cursors = repositories(deps.db).cursors;
  const from = new Date(since).toISOString();
  const stored = stateSchema.safeParse(await cursors.get(`backfill:${source}`));
  let state: SourceState = stored.success && stored.data.from === from ? stored.data : { from, since: from, afterId: null, origin: null, read: 0, done: false };
  const reader = readerFor(deps, source);
  let readThisRun = 0;
  for (;;) {
    if (deps.signal?.aborted === true) return { source, status: 'interrupted', read: state.read, readThisRun };
    const decision = budgetDecision(reader.usage(), deps.budget ?? DEFAULT_BUDGET);
    if (decision.kind === 'stop') return { source, status: 'paused', read: state.read, readThisRun, reason: decision.reason };
    // Read after stepping back even if the figures look the same: only a new answer refreshes them.
    if (decision.kind === 'wait') await sleep(decision.ms, deps.signal).catch(() => undefined);
    const page = await reader.read({ since: state.since, afterId: state.afterId });
    await applyRouted({ apply: deps.apply }, page.routed);
    state = { ...state, since: page.next.since, afterId: page.next.afterId, origin: state.origin ?? (since > 0 ? since : page.firstAt), read: state.read + page.count, done: !page.more };
    await cursors.set(`backfill:${source}`, state);
    readThisRun += page.count;
    await deps.onPage?.({ source, read: state.read, readThisRun, fraction: fraction(state, (deps.now ?? Date.now)()), position: state.since, done: state.done });
    if (state.done) break;
  }
  // Reconciliation, if it never ran, starts where the history ends rather than a minute ago.
  if ((await cursors.get(source)) === null) await cursors.set(source, { since: state.since, afterId: state.afterId });
  return { source, status: 'finished', read: state.read, readThisRun };
}

function fraction(state: SourceState, now: number): number | null {
  if (state.done) return 1;
  if (state.origin === null || now <= state.origin) return null;
  return Math.min(1, Math.max(0, (Date.parse(state.since) - state.origin) / (now - state.origin)));
}

function readerFor(deps: BackfillDeps, source: BackfillSource): Reader {
  const protocol = deps.apply.protocol;
  if (source === 'hubspot:contacts') {
    const properties = contactPropertiesToRead(protocol);
    return {
      usage: () => deps.hubspot.usage(),
      async read(cursor) {
        const page = await deps.hubspot.readChanges(cursor, properties, deps.pageSize?.hubspot ?? 100);
        const first = page.records[0];
        return { count: page.records.length, firstAt: first === undefined ? null : Date.parse(first.updatedAt), next: page.next, more: page.more, routed: page.records.map((contact) => routeContact(contact, 'BACKFILL')) };
      },
    };
  }
  const object = source === 'salesforce:Lead' ? 'Lead' : 'Contact';
  const fields = salesforceReadFields(protocol)[object];
  const hubspotIdField = protocol.writeBack.salesforce.hubspotContactId;
  return {
    usage: () => deps.salesforce.usage(),
    async read(cursor) {
      const page = await deps.salesforce.readChanges(object, cursor, fields, deps.pageSize?.salesforce ?? 200);
      const now = Date.now();
      const routed = page.records.flatMap((record) => {
        const stamp = typeof record.fields.SystemModstamp === 'string' ? record.fields.SystemModstamp : '';
        return routeSalesforceChange({ object, id: record.id, fields: record.fields, changeId: `${record.id}:${stamp}`, at: changedAt(record.fields, now) }, hubspotIdField) ?? [];
      });
      const first = page.records[0];
      return { count: page.records.length, firstAt: first === undefined ? null : changedAt(first.fields, now), next: page.next, more: page.more, routed };
    },
  };
}
