import { DEFAULT_RELAY_SETTINGS } from '../../src/app/relay/relay-settings';
import { repositories } from '../../src/store';
import { percentile, qualified, until, type BenchStack } from '../support/bench-stack';
import { cdcHops } from './cdc-hops';

export interface CdcFigures {
  readonly changes: number;
  readonly changesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Salesforce record reads (retrieve, SOQL, single reads) per 1,000 changes. */
  readonly readsPer1000: number;
  /** Every Salesforce call leadpact made per 1,000 changes (its writes back included). */
  readonly callsPer1000: number;
  /** HubSpot batch updates that carried the feedback, and the changes each carried on average. */
  readonly hubspotBatches: number;
  readonly changesPerHubSpotBatch: number;
}

const ACCEPTED = 'Working - Contacted';

const HUBSPOT_UPDATE = 'POST /crm/v3/objects/:objectType/batch/update';

const READS = /^(POST|GET) \/composite\/sobjects\/:type$|^GET \/(query|sobjects\/:type\/:id)$/;

function reads(stack: BenchStack): number {
  return Object.entries(stack.sf.calls().byRoute)
    .filter(([route]) => READS.test(route))
    .reduce((total, [, n]) => total + n, 0);
}

/**
 * Sales accepting handed-off Leads at `perSecond` (one REST update each, as reps do it), with the
 * service following Salesforce through Change Data Capture (SALESFORCE_CHANGES=cdc). Latency runs
 * from the rep's commit in Salesforce to the HubSpot contact showing the acceptance; the REST calls
 * are leadpact's own (the reps' updates are not counted).
 */
export async function cdcFigures(stack: BenchStack, leads: number, perSecond: number): Promise<CdcFigures> {
  const contacts = Array.from({ length: leads }, (_, n) => stack.hs.user.createContact(qualified(`cdc${n}`)).id);
  const ledger = repositories(stack.db).leads;
  const linked = new Map<string, string>();
  await until(
    async () => {
      for (const id of contacts) {
        if (linked.has(id)) continue;
        const salesforceId = (await ledger.findByHubSpotId(id as never))?.salesforceId;
        if (salesforceId != null) linked.set(id, salesforceId);
      }
      return linked.size === contacts.length;
    },
    120_000,
    'every hand-off',
  );
  await stack.runtime.pipeline?.relays.salesforce.flushOnce(true);
  const readsBefore = reads(stack);
  const callsBefore = stack.sf.calls().total;
  const hubspotBefore = stack.hs.calls().byRoute[HUBSPOT_UPDATE] ?? 0;
  const committedAt = new Map<string, number>();
  const stop = stack.sf.onCommit((changes) => {
    const now = Date.now();
    for (const change of changes)
      if (change.object === 'Lead' && change.record.Status === ACCEPTED && !committedAt.has(change.id))
        committedAt.set(change.id, now);
  });
  // Told by HubSpot as each contact commits the acceptance: polling the store would share the
  // service's one CPU-bound event loop and add to what it measures.
  const seenAt = new Map<string, number>();
  const unwatch = stack.hs.onChange((change) => {
    if (
      change.kind === 'propertyChange' &&
      change.propertyName === 'leadpact_stage' &&
      change.propertyValue === 'accepted'
    )
      if (!seenAt.has(change.objectId)) seenAt.set(change.objectId, Date.now());
  });
  const started = Date.now();
  try {
    const updates: Promise<unknown>[] = [];
    for (const [, salesforceId] of linked) {
      const due = started + (updates.length / perSecond) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      updates.push(stack.sales.update('Lead', [{ id: salesforceId as never, fields: { Status: ACCEPTED } }]));
    }
    const sentSeconds = (Date.now() - started) / 1000;
    // A rep's update that failed (the machine too slow to answer it) stops the run with its cause.
    await Promise.all(updates);
    await until(async () => seenAt.size >= contacts.length, 120_000, 'every acceptance in HubSpot');
    const latencies = [...linked].map(([contactId, salesforceId]) => {
      const seen = seenAt.get(contactId) ?? Number.NaN;
      return seen - (committedAt.get(salesforceId) ?? Number.NaN);
    });
    const own = stack.sf.calls().total - callsBefore - leads;
    const hubspotBatches = (stack.hs.calls().byRoute[HUBSPOT_UPDATE] ?? 0) - hubspotBefore;
    // The wait the HubSpot relay's batching adds, beside the figure: a batch of 100 fills at the change rate.
    process.stderr.write(
      `  cdc: ${hubspotBatches} HubSpot batch updates for ${leads} changes (${(leads / hubspotBatches).toFixed(0)} a call); ` +
        `at ${perSecond}/s a batch of 100 fills in ${((100 / perSecond) * 1000).toFixed(0)} ms, which its first change waits ` +
        `(the relay holds a partial batch up to ${DEFAULT_RELAY_SETTINGS.hubspotFlushWindowMs} ms, so that a burst costs one call per 100 leads)\n`,
    );
    // Where the time goes, hop by hop, beside the figure.
    const inbound = stack.runtime.pipeline?.queues.inbound;
    if (inbound !== undefined) {
      const seenBySalesforceId = new Map<string, number>();
      for (const [contactId, salesforceId] of linked) {
        const seen = seenAt.get(contactId);
        if (seen !== undefined) seenBySalesforceId.set(salesforceId, seen);
      }
      process.stderr.write(`${await cdcHops(inbound, ACCEPTED, committedAt, seenBySalesforceId)}\n`);
    }
    return {
      changes: leads,
      changesPerSecond: leads / sentSeconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      readsPer1000: ((reads(stack) - readsBefore) / leads) * 1000,
      callsPer1000: (own / leads) * 1000,
      hubspotBatches,
      changesPerHubSpotBatch: leads / hubspotBatches,
    };
  } finally {
    unwatch();
    stop();
  }
}
