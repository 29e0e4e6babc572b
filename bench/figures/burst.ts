import { availableParallelism } from 'node:os';
import { repositories } from '../../src/store';
import { until } from '../support/bench-stack';
import { machineCpu, namedProcessCpu } from '../support/child';
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
  /** HubSpot calls other than the batch reads and updates, by route. */
  readonly hubspotOther: Readonly<Record<string, number>>;
  /** When the simulator had delivered the burst's last webhook event. */
  readonly deliveredAfter: number;
  /** CPU seconds each process used during the burst, and the whole machine's busy share of its cores. */
  readonly cpu: BurstCpu;
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
  const cores = availableParallelism();
  return {
    cpu: {
      ingress: (cpuAfter.ingress - cpuBefore.ingress) / 1000,
      simulators: (cpuAfter.simulators - cpuBefore.simulators) / 1000,
      workers: cpuAfter.workers.map((ms, i) => (ms - (cpuBefore.workers[i] ?? 0)) / 1000),
      redis: store('redis-server'),
      postgres: store('postgres'),
      machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
      cores,
    },
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
