import { backfill, type SourceProgress } from '../../../src/app/backfill';
import { createRelays } from '../../../src/service/compose';
import { waitForOutbox } from '../../../src/app/drain-outbox';
import { silentLogger } from '../../../src/shared/logger';
import { repositories } from '../../../src/store';
import { daysAgo, historicContacts, startOpsFixture, type OpsFixture } from './ops-fixture';

describe.each(['postgres', 'pglite'] as const)('backfill on %s', (kind) => {
  let f: OpsFixture;
  beforeAll(async () => {
    f = await startOpsFixture(kind);
  });
  afterAll(async () => {
    await f.close();
  });

  const deps = (extra: { signal?: AbortSignal; onPage?: (p: SourceProgress) => void } = {}) => ({
    db: f.db,
    apply: f.apply,
    hubspot: f.hubspot,
    salesforce: f.salesforce,
    pageSize: { hubspot: 40, salesforce: 10 },
    ...extra,
  });

  it('resumes an interrupted backfill from its cursor and ends with one lead per record, each written back', async () => {
    f.hs.seed({ contacts: historicContacts(150, daysAgo(20), 'hist') });
    f.inThePast(15, () =>
      f.sf.seed(
        'Lead',
        Array.from({ length: 12 }, (_, i) => ({
          LastName: `Sales ${i}`,
          Company: `Own ${i}`,
          Email: `sales${i}@own-${i}.example`,
          Status: 'Open - Not Contacted',
        })),
      ),
    );
    const stop = new AbortController();
    const first = await backfill(deps({ signal: stop.signal, onPage: (p) => p.read >= 60 && stop.abort() }), 0);
    expect(first).toEqual([expect.objectContaining({ source: 'hubspot:contacts', status: 'interrupted' })]);
    const readBefore = first[0]!.read;
    expect(readBefore).toBeGreaterThanOrEqual(60);
    expect(readBefore).toBeLessThan(150);
    expect(await repositories(f.db).leads.count()).toBe(readBefore);

    const pages: SourceProgress[] = [];
    const second = await backfill(deps({ onPage: (p) => pages.push(p) }), 0);
    expect(second.map((o) => [o.source, o.status, o.read, o.readThisRun])).toEqual([
      ['hubspot:contacts', 'finished', 150, 150 - readBefore],
      ['salesforce:Lead', 'finished', 12, 12],
      ['salesforce:Contact', 'finished', 0, 0],
    ]);
    expect(pages.filter((p) => p.source === 'hubspot:contacts').at(-1)).toMatchObject({ fraction: 1, done: true });

    const leads = await allLeads(f);
    expect(leads).toHaveLength(162);
    expect(new Set(leads.flatMap((l) => (l.hubspotContactId === null ? [] : [l.hubspotContactId]))).size).toBe(150);
    expect(new Set(leads.flatMap((l) => (l.salesforceId === null ? [] : [l.salesforceId]))).size).toBe(12);

    const relays = createRelays({
      db: f.db,
      protocol: f.protocol,
      clock: f.apply.clock,
      logger: silentLogger(),
      redis: f.redis,
      queues: f.queues,
      crms: { salesforce: f.salesforce, hubspot: f.hubspot },
    });
    relays.start();
    try {
      expect(await waitForOutbox(f.db, 30_000, () => undefined)).toEqual({ drained: true });
    } finally {
      await relays.close();
    }
    const stages = f.hs.contacts().map((c) => c.properties.leadpact_stage);
    expect(stages.filter((stage) => stage === 'nurturing')).toHaveLength(150);
  });

  it('hands its position over to reconciliation, and a repeat run creates no lead', async () => {
    const cursors = repositories(f.db).cursors;
    const handedOver = await cursors.get('hubspot:contacts');
    expect(handedOver).toEqual(expect.objectContaining({ since: expect.any(String) }));
    const again = await backfill(deps(), 0);
    // Records our own writes just touched may be read again; applying them again changes nothing.
    expect(again.map((o) => o.status)).toEqual(['finished', 'finished', 'finished']);
    expect(await repositories(f.db).leads.count()).toBe(162);
  });

  it('starts a new walk for another --since and leaves the earlier records as they are', async () => {
    const since = daysAgo(10);
    f.hs.seed({ contacts: historicContacts(30, daysAgo(5), 'late') });
    const outcomes = await backfill(deps(), since);
    expect(outcomes[0]).toMatchObject({ source: 'hubspot:contacts', status: 'finished', read: 30, readThisRun: 30 });
    expect(await repositories(f.db).leads.count()).toBe(192);
  });

  it('leaves what changed after it started to webhooks and reconciliation', async () => {
    // The "late" contacts changed five days ago, a minute apart; this backfill started after the tenth.
    const firstLate = Date.parse(
      f.hs.contacts().find((c) => c.properties.lastname === 'late 0')?.properties.lastmodifieddate ?? '',
    );
    const outcomes = await backfill({ ...deps(), until: firstLate + 9.5 * 60_000 }, daysAgo(6));
    expect(outcomes.map((o) => [o.source, o.status])).toEqual([
      ['hubspot:contacts', 'finished'],
      ['salesforce:Lead', 'finished'],
      ['salesforce:Contact', 'finished'],
    ]);
    expect(outcomes[0]?.readThisRun).toBe(10);
    expect(outcomes[1]?.readThisRun).toBe(0);
  });

  it('pauses, resumably, when the CRM reports most of the daily allocation used', async () => {
    const usage = { calls: 10, dailyUsed: 900, dailyLimit: 1_000, windowRemaining: null, windowLimit: null };
    const salesforce = new Proxy(f.salesforce, {
      get: (target, name): unknown => (name === 'usage' ? () => usage : Reflect.get(target, name, target)),
    });
    const outcomes = await backfill({ ...deps(), salesforce }, daysAgo(1));
    const paused = outcomes.at(-1);
    expect(paused).toMatchObject({ source: 'salesforce:Lead', status: 'paused', readThisRun: 0 });
    expect(paused?.status === 'paused' ? paused.reason : '').toContain('90% of the daily API allocation is used');
  });
});

async function allLeads(f: OpsFixture) {
  const leads = repositories(f.db).leads;
  const out = [];
  for (let page = await leads.page(null, 100); page.length > 0; page = await leads.page(page.at(-1)!.id, 100))
    out.push(...page);
  return out;
}
