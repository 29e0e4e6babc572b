import { availableParallelism } from 'node:os';
import { repositories } from '../../src/store';
import { until } from '../support/bench-stack';
import { machineCpu, namedProcessCpu } from '../support/child';
import type { StatementCounts } from '../support/counted-db';
import type { ProcessStack } from '../support/process-stack';

export interface BurstFigures {
  readonly contacts: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly salesforceCalls: number;
  readonly hubspotCalls: number;
  readonly floor: number;
  readonly callsPerLead: number;
  readonly floorRatio: number;
  readonly hubspotReads: number;
  readonly hubspotWrites: number;
  /** Salesforce calls by route, during the burst. */
  readonly salesforceByRoute: Readonly<Record<string, number>>;
  /** HubSpot calls other than the batch reads and updates, by route. */
  readonly hubspotOther: Readonly<Record<string, number>>;
  /** When the simulator had delivered the burst's last webhook event. */
  readonly deliveredAfter: number;
  /** CPU seconds each process used during the burst, and the whole machine's busy share of its cores. */
  readonly cpu: BurstCpu;
  /** Statements the workers sent to Postgres during the burst. */
  readonly statements: StatementCounts;
}

export interface BurstCpu {
  readonly ingress: number;
  readonly simulators: number;
  readonly workers: readonly number[];
  /** Redis and Postgres (every client's work, other tenants' included: an upper bound for ours). */
  readonly redis: number;
  readonly postgres: number;
  /** Every process on the machine (Redis, Postgres and other tenants included), ÷ (cores × seconds). */
  readonly machineBusy: number;
  readonly cores: number;
}

const STORES = ['redis-server', 'postgres'];

/**
 * The fewest calls a burst of N qualifying contacts can take at the APIs' batch sizes: read each
 * contact once (HubSpot batch read, 100), match before create (one Salesforce Composite, 200),
 * upsert the Leads (sObject Collections, 200), write the feedback back (HubSpot batch update, 100).
 */
export function batchSizeFloor(n: number): number {
  return Math.ceil(n / 100) + Math.ceil(n / 200) + Math.ceil(n / 200) + Math.ceil(n / 100);
}

/**
 * A burst of qualifying contacts created in HubSpot as marketers and forms would: every one
 * delivered by the simulator's webhooks (a creation plus a property change per property set),
 * handed off to Salesforce and its feedback written back to HubSpot. Measured until nothing is left
 * to write.
 */
export async function burstFigures(stack: ProcessStack, contacts: number): Promise<BurstFigures> {
  const before = await stack.calls();
  const statementsBefore = await stack.statements();
  const cpuBefore = await stack.cpu();
  const machineBefore = machineCpu();
  const storesBefore = namedProcessCpu(STORES);
  const started = performance.now();
  await stack.createContacts(0, contacts);
  let deliveredAfter = Number.NaN;
  let lastDelivered = -1;
  await until(
    async () => {
      const delivered = (await stack.calls()).hubspot.webhooks.deliveredEvents;
      if (delivered === lastDelivered && Number.isNaN(deliveredAfter))
        deliveredAfter = (performance.now() - started) / 1000;
      lastDelivered = delivered;
      const done = await stack.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM leads WHERE salesforce_id IS NOT NULL AND stage = 'handed_off'",
      );
      return (done.rows[0]?.n ?? 0) >= contacts && (await repositories(stack.db).outbox.pending()) === 0;
    },
    600_000,
    'the burst to be handed off and written back',
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await stack.cpu();
  const statements = countsSince(statementsBefore, await stack.statements());
  const machineAfter = machineCpu();
  const storesAfter = namedProcessCpu(STORES);
  const store = (name: string) => (storesAfter[name] ?? 0) - (storesBefore[name] ?? 0);
  const after = await stack.calls();
  const hsBefore = before.hubspot;
  const hsAfter = after.hubspot;
  const salesforceCalls = after.salesforce - before.salesforce;
  const hubspotCalls = hsAfter.total - hsBefore.total;
  const events = hsAfter.webhooks.deliveredEvents - hsBefore.webhooks.deliveredEvents;
  const floor = batchSizeFloor(contacts);
  const route = (name: string) => (hsAfter.byRoute[name] ?? 0) - (hsBefore.byRoute[name] ?? 0);
  const READ = 'POST /crm/v3/objects/:objectType/batch/read';
  const UPDATE = 'POST /crm/v3/objects/:objectType/batch/update';
  const hubspotOther = Object.fromEntries(
    Object.keys(hsAfter.byRoute)
      .filter((r) => r !== READ && r !== UPDATE && route(r) > 0)
      .map((r) => [r, route(r)]),
  );
  const salesforceByRoute = Object.fromEntries(
    Object.entries(after.salesforceByRoute)
      .map(([r, n]) => [r, n - (before.salesforceByRoute[r] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
  const cores = availableParallelism();
  return {
    salesforceByRoute,
    cpu: {
      ingress: (cpuAfter.ingress - cpuBefore.ingress) / 1000,
      simulators: (cpuAfter.simulators - cpuBefore.simulators) / 1000,
      workers: cpuAfter.workers.map((ms, i) => (ms - (cpuBefore.workers[i] ?? 0)) / 1000),
      redis: store('redis-server'),
      postgres: store('postgres'),
      machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
      cores,
    },
    statements,
    deliveredAfter,
    hubspotReads: route(READ),
    hubspotWrites: route(UPDATE),
    hubspotOther,
    contacts,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    salesforceCalls,
    hubspotCalls,
    floor,
    callsPerLead: (salesforceCalls + hubspotCalls) / contacts,
    floorRatio: (salesforceCalls + hubspotCalls) / floor,
  };
}

function countsSince(before: StatementCounts, after: StatementCounts): StatementCounts {
  const since = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, n]) => [key, n - (b[key] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
  return {
    byKind: since(after.byKind, before.byKind),
    bySql: since(after.bySql, before.bySql),
    transactions: after.transactions - before.transactions,
  };
}

/** Statements per event, in all and by kind, e.g. "0.41 (SELECT 0.20, WITH 0.08, …); 0.02 transactions". */
export function statementsPerEvent(f: BurstFigures): string {
  const per = (n: number) => (n / f.events).toFixed(2);
  const kinds = Object.entries(f.statements.byKind).sort(([, a], [, b]) => b - a);
  const total = kinds.reduce((sum, [, n]) => sum + n, 0);
  return `${per(total)} (${kinds.map(([kind, n]) => `${kind} ${per(n)}`).join(', ')}); ${per(f.statements.transactions)} transactions`;
}

/**
 * What holds end-to-end throughput down, from the burst's measurements: the worker's CPU per event
 * against the no-op worker's per job (BullMQ's own share), and how busy the worker and the machine were.
 */
export function e2eGapCause(f: BurstFigures, bareCpuMsPerJob: number): string {
  const workerCpu = f.cpu.workers.reduce((a, b) => a + b, 0);
  const perEvent = (workerCpu * 1000) / f.events;
  const busy = workerCpu / f.seconds / f.cpu.workers.length;
  const machine =
    f.cpu.machineBusy >= 0.85
      ? `; the machine was ${(f.cpu.machineBusy * 100).toFixed(0)} % busy across its ${f.cpu.cores} cores (other tenants included)`
      : '';
  return (
    `the worker's CPU: ${perEvent.toFixed(3)} ms per event against ${bareCpuMsPerJob.toFixed(3)} ms per job in the ` +
    `no-op BullMQ worker (${(perEvent / bareCpuMsPerJob).toFixed(1)}×), the worker on a core ${(busy * 100).toFixed(0)} % of the burst${machine}`
  );
}

/**
 * What the calls over the floor were: the read-backs of the outbound messages the org sent about the
 * Leads leadpact itself wrote (a notification is not trusted, so each prompts a read), and batches
 * that left below their size because the time windows closed first.
 */
export function callsGapCause(f: BurstFigures): string {
  const sf = (route: string) => f.salesforceByRoute[route] ?? 0;
  const half = Math.ceil(f.contacts / 200);
  const hundredth = Math.ceil(f.contacts / 100);
  const readBacks = sf('POST /composite/sobjects/:type');
  const split =
    Math.max(0, sf('PATCH /composite/sobjects/:type/:field') - half) +
    Math.max(0, sf('POST /composite') - half) +
    Math.max(0, f.hubspotReads - hundredth) +
    Math.max(0, f.hubspotWrites - hundredth);
  const other = f.salesforceCalls + f.hubspotCalls - f.floor - readBacks - split;
  return (
    `${readBacks} read-backs of the outbound messages the org sent about Leads leadpact wrote itself ` +
    `(a change event carries the values: with Change Data Capture there are none), ` +
    `${split} batches that left part-full when their time window closed, ${other} other calls`
  );
}
