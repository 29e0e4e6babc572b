import { createHubSpotConnector, type HubSpotConnector } from '../connectors/hubspot/hubspot-connector';
import { DEFAULT_HUBSPOT_PROVISION } from '../src/app/provision-specs';
import { startHubSpotSimulator, type HubSpotSimulator } from '../connectors/hubspot/simulator';
import type { ChangeCursor } from '../src/shared/crm-port';
import type { HubSpotContactId } from '../src/shared/ids';

export interface BacklogResult {
  readonly read: number;
  readonly updated: number;
  readonly failed: number;
}

/**
 * Discovers the backlog through readChanges (search: 200 a page, its own 5-per-second limit): the
 * contacts modified before `asOf`, in chunks of 100 ids.
 */
export async function discoverBacklog(connector: HubSpotConnector, asOf: number): Promise<HubSpotContactId[][]> {
  const chunks: HubSpotContactId[][] = [];
  let cursor: ChangeCursor = { since: new Date(0).toISOString(), afterId: null };
  for (let more = true; more;) {
    const page = await connector.readChanges(cursor, ['email'], 5_000);
    const backlog = page.records.filter((record) => Date.parse(record.updatedAt) < asOf);
    for (let i = 0; i < backlog.length; i += 100) chunks.push(backlog.slice(i, i + 100).map((record) => record.id));
    cursor = page.next;
    more = page.more && backlog.length === page.records.length;
  }
  return chunks;
}

/**
 * Syncs known contacts as the jobs layer does: read each chunk in one batch call, write leadpact's
 * properties back in one batch call, `workers` chunks at a time; the connector paces every call.
 */
export async function syncBacklog(
  connector: HubSpotConnector,
  chunks: readonly (readonly HubSpotContactId[])[],
  workers: number,
): Promise<BacklogResult> {
  const queue = [...chunks];
  const totals = { read: 0, updated: 0, failed: 0 };
  const work = async (): Promise<void> => {
    for (let chunk = queue.shift(); chunk !== undefined; chunk = queue.shift()) {
      const contacts = await connector.readContacts(chunk, ['email', 'lifecyclestage', 'hubspotscore']);
      totals.read += contacts.length;
      const outcomes = await connector.updateContacts(
        contacts.map((contact) => ({
          id: contact.id,
          properties: { leadpact_stage: 'nurturing', leadpact_protocol_version: 'bench-1' },
        })),
      );
      totals.updated += outcomes.filter((outcome) => outcome.ok).length;
      totals.failed += outcomes.filter((outcome) => !outcome.ok).length;
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  return totals;
}

/**
 * How full the rolling window ran, as HubSpot counted it: the mean number of admitted requests in
 * the window ending at each 100 ms step, from one window after the first request to the last one
 * (the first window fills from empty, so it is not counted).
 */
export function windowOccupancy(
  admitted: readonly number[],
  windowMs: number,
): { readonly mean: number; readonly peak: number } {
  const first = admitted[0];
  const last = admitted[admitted.length - 1];
  if (first === undefined || last === undefined) return { mean: 0, peak: 0 };
  const inWindow = (end: number): number => admitted.filter((at) => at > end - windowMs && at <= end).length;
  const samples: number[] = [];
  for (let end = first + windowMs; end <= last; end += 100) samples.push(inWindow(end));
  const all = admitted.map((at) => inWindow(at));
  return {
    mean: samples.length === 0 ? 0 : samples.reduce((a, b) => a + b, 0) / samples.length,
    peak: Math.max(...all),
  };
}

function seedBacklog(sim: HubSpotSimulator, count: number): void {
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let first = 0; first < count; first += 5_000) {
    const contacts = Array.from({ length: Math.min(5_000, count - first) }, (_, k) => {
      const i = first + k;
      // A few contacts share each modification instant, as imports and workflows leave them.
      return {
        email: `backlog${i}@example.com`,
        firstname: `Lead${i}`,
        lifecyclestage: 'lead',
        lastmodifieddate: new Date(start + Math.floor(i / 3) * 1_000).toISOString(),
      };
    });
    sim.seed({ contacts });
  }
}

const seconds = (ms: number): number => Number((ms / 1_000).toFixed(2));
const percent = (part: number, whole: number): number => Number(((100 * part) / whole).toFixed(1));

/**
 * 20,000 contacts discovered, read and updated through the connector at 190 requests per rolling
 * 10 s. Discovery goes through search, which has its own limit (5 a second) and does not spend the
 * 190; the batch reads and writes do, and their phase shows how much of that budget was used.
 * BENCH_HUBSPOT_WINDOW_MS compresses the window (and search's second with it); the output says so.
 */
export async function run(): Promise<Record<string, number | string>> {
  const windowMs = Number(process.env['BENCH_HUBSPOT_WINDOW_MS'] ?? 10_000);
  const count = Number(process.env['BENCH_HUBSPOT_CONTACTS'] ?? 20_000);
  const limit = 190;
  const searchPerSecond = Math.round((5 * 10_000) / windowMs);
  const sim = await startHubSpotSimulator({
    ratePer10s: limit,
    rateWindowMs: windowMs,
    searchPerSecond,
    dailyLimit: 1_000_000,
    searchLagMs: 0,
  });
  const connector = createHubSpotConnector({
    accessToken: sim.credentials.accessToken,
    baseUrl: sim.url,
    ratePer10s: limit,
    rateWindowMs: windowMs,
    searchPerSecond,
    searchSettleMs: 0,
  });
  try {
    seedBacklog(sim, count);
    const started = performance.now();
    const chunks = await discoverBacklog(connector, Date.now());
    const discovered = performance.now();
    await connector.provision(DEFAULT_HUBSPOT_PROVISION);
    const totals = await syncBacklog(connector, chunks, 8);
    const finished = performance.now();
    const calls = sim.calls();
    const searchCalls = calls.byRoute['POST /crm/v3/objects/:objectType/search'] ?? 0;
    const occupancy = windowOccupancy(sim.admittedAt(), windowMs);
    return {
      contacts: count,
      contactsRead: totals.read,
      contactsUpdated: totals.updated,
      contactsFailed: totals.failed,
      seconds: seconds(finished - started),
      discoverySeconds: seconds(discovered - started),
      syncSeconds: seconds(finished - discovered),
      searchCalls,
      searchUsePct: percent(searchCalls, (searchPerSecond * (discovered - started)) / 1_000),
      rateLimitedCalls: calls.total - searchCalls,
      '429s': calls.rateLimited.TEN_SECONDLY_ROLLING + calls.rateLimited.SECONDLY + calls.rateLimited.DAILY,
      limitPerWindow: limit,
      windowMs,
      rateBudgetUsePct: percent(occupancy.mean, limit),
      peakCallsInOneWindow: occupancy.peak,
      timeBase:
        windowMs === 10_000
          ? 'real: 190 requests per rolling 10 s, 5 searches per second; nothing compressed'
          : `compressed: 190 requests per rolling ${windowMs} ms instead of 10 s, ${searchPerSecond} searches per second instead of 5`,
    };
  } finally {
    connector.close();
    await sim.close();
  }
}
