import { z } from 'zod';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { ONE_SHOT_POLICY, retrying } from './retrying';
import type { ApplyDeps } from './apply-events/apply-events';
import { contactPropertiesToRead, routeContact } from './inbound/hubspot-changes';
import { applyRouted, changedAt } from './inbound/inbound.job';
import { routeSalesforceChange, type Routed } from './inbound/salesforce-changes';
import { salesforceReadFields } from './reconcile';
import type { ApiUsage, ChangeCursor } from '../shared/crm-port';
import { repositories, type Db } from '../store';
import { budgetDecision, DEFAULT_BUDGET, type BudgetPolicy } from './backfill-budget';

/**
 * The records a backfill walks, in order. The names are those of reconciliation's cursors
 * (src/app/reconcile.ts), which a finished backfill hands its position to.
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
  /**
   * Changes after this instant (default: when the backfill starts) are left to webhooks and
   * reconciliation; without the bound the backfill would read its own write-backs a second time.
   */
  readonly until?: number;
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
  | {
      readonly source: BackfillSource;
      readonly status: 'finished';
      readonly read: number;
      readonly readThisRun: number;
    }
  | {
      readonly source: BackfillSource;
      readonly status: 'interrupted';
      readonly read: number;
      readonly readThisRun: number;
    }
  /** The API budget says stop; the same command resumes later. */
  | {
      readonly source: BackfillSource;
      readonly status: 'paused';
      readonly read: number;
      readonly readThisRun: number;
      readonly reason: string;
    };

interface Change {
  /** When the record last changed. */
  readonly at: number;
  readonly routed: Routed | null;
}

interface Page {
  readonly changes: readonly Change[];
  readonly next: ChangeCursor;
  readonly more: boolean;
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
  const until = deps.until ?? Date.now();
  for (const source of BACKFILL_SOURCES) {
    const outcome = await backfillSource(deps, source, since, until);
    outcomes.push(outcome);
    if (outcome.status !== 'finished') break;
  }
  return outcomes;
}

async function backfillSource(
  deps: BackfillDeps,
  source: BackfillSource,
  since: number,
  until: number,
): Promise<SourceOutcome> {
  const cursors = repositories(deps.db).cursors;
  const from = new Date(since).toISOString();
  const stored = stateSchema.safeParse(await cursors.get(`backfill:${source}`));
  let state: SourceState =
    stored.success && stored.data.from === from
      ? stored.data
      : { from, since: from, afterId: null, origin: null, read: 0, done: false };
  const reader = readerFor(deps, source);
  let readThisRun = 0;
  for (;;) {
    if (deps.signal?.aborted === true) return { source, status: 'interrupted', read: state.read, readThisRun };
    const decision = budgetDecision(reader.usage(), deps.budget ?? DEFAULT_BUDGET);
    if (decision.kind === 'stop')
      return { source, status: 'paused', read: state.read, readThisRun, reason: decision.reason };
    const cursor = { since: state.since, afterId: state.afterId };
    const page = await retrying(() => reader.read(cursor), {
      ...ONE_SHOT_POLICY,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const history = page.changes.filter((change) => change.at <= until);
    await applyRouted(
      { apply: deps.apply },
      history.flatMap((change) => (change.routed === null ? [] : [change.routed])),
    );
    const done = !page.more || history.length < page.changes.length;
    const origin = state.origin ?? (since > 0 ? since : (page.changes[0]?.at ?? null));
    state = {
      ...state,
      since: page.next.since,
      afterId: page.next.afterId,
      origin,
      read: state.read + history.length,
      done,
    };
    await cursors.set(`backfill:${source}`, state);
    readThisRun += history.length;
    await deps.onPage?.({
      source,
      read: state.read,
      readThisRun,
      fraction: fraction(state, Math.min(until, (deps.now ?? Date.now)())),
      position: state.since,
      done: state.done,
    });
    if (state.done) break;
  }
  // Reconciliation, if it never ran, starts where the history ends rather than a minute ago.
  if ((await cursors.get(source)) === null) {
    await cursors.set(
      source,
      Date.parse(state.since) <= until
        ? { since: state.since, afterId: state.afterId }
        : { since: new Date(until).toISOString(), afterId: null },
    );
  }
  return { source, status: 'finished', read: state.read, readThisRun };
}

/** How far through [origin, end] the cursor is: records come oldest first. */
function fraction(state: SourceState, end: number): number | null {
  if (state.done) return 1;
  if (state.origin === null || end <= state.origin) return null;
  return Math.min(1, Math.max(0, (Date.parse(state.since) - state.origin) / (end - state.origin)));
}

function readerFor(deps: BackfillDeps, source: BackfillSource): Reader {
  const protocol = deps.apply.protocol;
  if (source === 'hubspot:contacts') {
    const properties = contactPropertiesToRead(protocol);
    return {
      usage: () => deps.hubspot.usage(),
      async read(cursor) {
        const page = await deps.hubspot.readChanges(cursor, properties, deps.pageSize?.hubspot ?? 100);
        const changes = page.records.map((contact) => ({
          at: Date.parse(contact.updatedAt),
          routed: routeContact(contact, 'BACKFILL'),
        }));
        return { changes, next: page.next, more: page.more };
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
      const changes = page.records.map((record) => {
        const stamp = typeof record.fields.SystemModstamp === 'string' ? record.fields.SystemModstamp : '';
        const at = changedAt(record.fields, now);
        return {
          at,
          routed: routeSalesforceChange(
            { object, id: record.id, fields: record.fields, changeId: `${record.id}:${stamp}`, at },
            hubspotIdField,
          ),
        };
      });
      return { changes, next: page.next, more: page.more };
    },
  };
}
