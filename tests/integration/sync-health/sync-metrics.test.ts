import { repositories } from '../../../src/store';
import { createSyncHealthRepository } from '../../../src/store/sync-health-repository';
import { syncHealthData } from '../../../src/app/sync-health/sync-health-data';
import { qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

type Sample = { readonly labels: Readonly<Record<string, string>>; readonly value: number };

/** The /metrics text as the service serves it, parsed into samples by name. */
async function scrape(h: Harness): Promise<Map<string, Sample[]>> {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  const out = new Map<string, Sample[]>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? ([0-9.eE+-]+|NaN)$/.exec(line);
    if (match?.[1] === undefined || match[3] === undefined) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    out.set(match[1], [...(out.get(match[1]) ?? []), { labels, value: Number(match[3]) }]);
  }
  return out;
}

function sum(samples: Map<string, Sample[]>, name: string, where: Readonly<Record<string, string>> = {}): number {
  return (samples.get(name) ?? [])
    .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

/** Both simulators' own call counters and leadpact's, once nothing has moved for a while (no call in flight). */
async function quiet(h: Harness) {
  const read = async () => {
    const metrics = await scrape(h);
    return {
      salesforce: h.sf.calls().total,
      hubspot: h.hs.calls().total,
      countedSalesforce: sum(metrics, 'leadpact_crm_calls_total', { crm: 'salesforce' }),
      countedHubspot: sum(metrics, 'leadpact_crm_calls_total', { crm: 'hubspot' }),
      metrics,
    };
  };
  let last = await read();
  return eventually(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const next = await read();
      const still =
        (await repositories(h.db).outbox.pending()) === 0 &&
        next.salesforce === last.salesforce &&
        next.hubspot === last.hubspot &&
        next.countedSalesforce === last.countedSalesforce &&
        next.countedHubspot === last.countedHubspot;
      last = next;
      return still ? next : undefined;
    },
    30_000,
    'the simulators and leadpact to stop calling',
  );
}

describe('sync health figures after a run against the simulators', () => {
  let h: Harness;
  let before: Awaited<ReturnType<typeof quiet>>;
  let after: Awaited<ReturnType<typeof quiet>>;

  beforeAll(async () => {
    // One attempt per write: the HubSpot failures below become dead letters at once.
    h = await startHarness({ pipeline: { usageSampleEveryMs: 200, maxWriteAttempts: 1 } });
    before = await quiet(h);
    // HubSpot refuses the next feedback write (503): its rows are dead-lettered with CRM_UNAVAILABLE.
    h.hs.setFaults({ burst: { count: 1, status: 503 }, routes: ['POST /crm/v3/objects/:objectType/batch/update'] });
    for (const n of [1, 2, 3]) h.hs.user.createContact(qualifiedContact(`sync-${n}`));
    await eventually(
      () =>
        h.sf.records('Lead').filter((l) => String(l.Email).startsWith('buyersync-')).length === 3 ? true : undefined,
      30_000,
      'the three Leads in Salesforce',
    );
    await eventually(async () => ((await repositories(h.db).deadLetters.list()).length > 0 ? true : undefined));
    after = await quiet(h);
  }, 90_000);

  afterAll(async () => {
    await h.close();
  });

  it('counts every CRM call, as many as each simulator answered', () => {
    const salesforce = after.salesforce - before.salesforce;
    const hubspot = after.hubspot - before.hubspot;
    console.log(`calls during the run: salesforce ${salesforce}, hubspot ${hubspot}`);
    expect(salesforce).toBeGreaterThan(0);
    expect(hubspot).toBeGreaterThan(0);
    expect(after.countedSalesforce - before.countedSalesforce).toBe(salesforce);
    expect(after.countedHubspot - before.countedHubspot).toBe(hubspot);
    expect(sum(after.metrics, 'leadpact_crm_calls_total', { crm: 'hubspot', outcome: 'CRM_UNAVAILABLE' })).toBe(1);
  });

  it("shows each CRM's allocation as its last response reported it", () => {
    // Salesforce reports the org's usage in Sforce-Limit-Info: every API call the simulator counted.
    expect(sum(after.metrics, 'leadpact_crm_api_daily_used', { crm: 'salesforce' })).toBe(h.sf.calls().total);
    expect(sum(after.metrics, 'leadpact_crm_api_daily_limit', { crm: 'salesforce' })).toBeGreaterThan(0);
    expect(sum(after.metrics, 'leadpact_crm_api_daily_used', { crm: 'hubspot' })).toBeGreaterThan(0);
    expect(sum(after.metrics, 'leadpact_crm_api_window_limit', { crm: 'hubspot' })).toBe(190);
  });

  it('times each hand-off from the HubSpot change to the Salesforce write', () => {
    const writes = sum(after.metrics, 'leadpact_sync_lag_seconds_count', { direction: 'hubspot_to_salesforce' });
    expect(writes).toBeGreaterThanOrEqual(3);
    expect(sum(after.metrics, 'leadpact_sync_lag_seconds_sum', { direction: 'hubspot_to_salesforce' })).toBeGreaterThan(
      0,
    );
  });

  it('counts the open dead letters by code, and the outbox drained', async () => {
    // The store's gauges are read at most once a second: a second later they are current.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const now = await scrape(h);
    const open = await repositories(h.db).deadLetters.list();
    expect(open.length).toBeGreaterThan(0);
    expect(sum(now, 'leadpact_dead_letters', { crm: 'hubspot', code: 'CRM_UNAVAILABLE' })).toBe(open.length);
    expect(sum(now, 'leadpact_outbox_rows')).toBe(0);
    const running = await h.db.query<{ status: string; n: number }>(
      `SELECT sla_status AS status, count(*)::int AS n FROM leads WHERE sla_status IS NOT NULL AND sla_status <> 'met' GROUP BY 1`,
    );
    for (const status of ['on_track', 'at_risk', 'breached'])
      expect(sum(now, 'leadpact_sla_clocks', { status })).toBe(running.rows.find((r) => r.status === status)?.n ?? 0);
  });

  it('gives the Sync Health page the same numbers, from the samples the worker saved', async () => {
    const data = await eventually(async () => {
      const current = await syncHealthData(h.db, Date.now());
      const salesforce = current.usage.find((u) => u.crm === 'salesforce');
      return salesforce !== undefined && salesforce.calls >= after.countedSalesforce ? current : undefined;
    });
    const usage = Object.fromEntries(data.usage.map((u) => [u.crm, u]));
    expect(usage.salesforce?.calls).toBe(after.countedSalesforce);
    expect(usage.hubspot?.calls).toBe(after.countedHubspot);
    expect(usage.hubspot?.failed).toBe(1);
    expect(usage.salesforce?.dailyUsed).toBe(sum(after.metrics, 'leadpact_crm_api_daily_used', { crm: 'salesforce' }));
    const lag = data.lag.find((l) => l.direction === 'hubspot_to_salesforce');
    expect(lag?.writes).toBe(
      sum(after.metrics, 'leadpact_sync_lag_seconds_count', { direction: 'hubspot_to_salesforce' }),
    );
    expect(lag?.p99Seconds).not.toBeNull();
    const group = data.groups.find((g) => g.code === 'CRM_UNAVAILABLE');
    expect(group?.count).toBe((await repositories(h.db).deadLetters.list()).length);
    expect(group?.hint).toMatch(/retried with back-off/);
    expect(group?.letters.every((l) => l.email?.startsWith('buyersync-') === true)).toBe(true);
    expect((await createSyncHealthRepository(h.db).usageSince(0)).length).toBeGreaterThan(0);
  });
});
