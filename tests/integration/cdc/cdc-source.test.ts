import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { CdcSubscriber } from '../../../connectors/salesforce/pubsub/cdc-subscriber';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { cdcSource } from '../../../src/app/follow-salesforce/cdc-source';
import type { SalesforceCdcJob } from '../../../src/app/inbound/inbound.schema';
import type { ReconcileWindow } from '../../../src/app/inbound/salesforce-cdc.schema';
import { holdLease, RedisLease } from '../../../src/queue/lease';
import { silentLogger } from '../../../src/shared/logger';
import { repositories } from '../../../src/store';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { TEST_REDIS_URL } from '../../support/redis-server';

/**
 * The CDC source on its own (the simulated org, Postgres, Redis): what it queues and the replay id it
 * stores across subscriber restarts, an expired replay id, and the lease that keeps one subscriber.
 */

async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the CDC source', () => {
  let sim: SalesforceSimulator;
  let database: TestDatabase;
  const channel = '/data/LeadChangeEvent';

  beforeAll(async () => {
    sim = await startSalesforceSimulator({ changeEvents: { keepaliveMs: 100 }, access: 'all' });
    database = await openTestDatabase('postgres');
    await migrate(database.db);
  });
  afterAll(async () => {
    await sim.close();
    await database.dispose();
  });
  beforeEach(async () => {
    sim.reset();
    await repositories(database.db).cdcReplay.forget(channel);
  });
  // A test that failed mid-way must not leave its stream open: Jest would never exit.
  const started: CdcSubscriber[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((subscriber) => subscriber.stop()));
  });

  /** A source and its subscriber, as a worker runs them; `jobs` is what it queued. */
  function run(jobs: SalesforceCdcJob[], windows: ReconcileWindow[] = [], expired: { n: number } = { n: 0 }) {
    const source = cdcSource({
      channel,
      replay: repositories(database.db).cdcReplay,
      enqueue: (job) => {
        jobs.push(job);
        return Promise.resolve();
      },
      reconcileWindow: (window) => {
        windows.push(window);
        return Promise.resolve();
      },
      now: Date.now,
      logger: silentLogger(),
      onReplayExpired: () => (expired.n += 1),
    });
    const endpoint = sim.pubsub!;
    const subscriber = new CdcSubscriber({
      endpoint: endpoint.address,
      trustedCertificate: endpoint.certificate,
      topic: channel,
      session: () =>
        Promise.resolve({ accessToken: sim.mintAccessToken(), instanceUrl: sim.url, orgId: sim.credentials.orgId }),
      refreshSession: () => Promise.resolve(),
      startAfter: () => source.startAfter(),
      onEvents: (changes, latest, more) => source.onEvents(changes, latest, more),
      onReplayExpired: (replayId) => source.onReplayExpired(replayId),
      batchSize: 3,
      backoffMs: { initial: 20, max: 100 },
    });
    started.push(subscriber);
    return subscriber;
  }

  /** A subscriber started, once its first keepalive has stored the tip as the place to resume after. */
  async function subscribed(jobs: SalesforceCdcJob[]) {
    const subscriber = run(jobs);
    await subscriber.start();
    await eventually(
      () =>
        repositories(database.db)
          .cdcReplay.get(channel)
          .then((r) => r ?? undefined),
      'a keepalive',
    );
    return subscriber;
  }

  const names = (jobs: readonly SalesforceCdcJob[]) =>
    jobs.flatMap((job) => job.changes.map((change) => change.fields['LastName']));
  const createLeads = (...lastNames: string[]) =>
    sim.seed(
      'Lead',
      lastNames.map((LastName) => ({ LastName, Company: 'Acme' })),
      { notify: true },
    );

  it('a restarted subscriber resumes after the stored replay id: nothing lost, nothing twice', async () => {
    const jobs: SalesforceCdcJob[] = [];
    const first = await subscribed(jobs);
    createLeads('A');
    createLeads('B', 'C', 'D', 'E');
    await eventually(() => (names(jobs).length === 5 ? true : undefined), 'five events');
    await first.stop();
    createLeads('F');
    createLeads('G', 'H');
    const second = run(jobs);
    await second.start();
    await eventually(() => (names(jobs).length >= 8 ? true : undefined), 'the events made while stopped');
    await second.stop();
    expect(names(jobs)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    // A transaction is never split between jobs, though batches of 3 end inside one of 4.
    const keys = jobs.map((job) => job.changes.map((c) => c.transactionKey));
    const flat = keys.flat();
    for (const key of new Set(flat)) expect(keys.filter((k) => k.includes(key))).toHaveLength(1);
  });

  it("a Lead's conversion event names what it was converted to, without LastModifiedDate", async () => {
    const jobs: SalesforceCdcJob[] = [];
    const subscriber = await subscribed(jobs);
    // Last modified a day ago, so the conversion does change LastModifiedDate.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const [id] = sim.seed('Lead', [{ LastName: 'Converted', Company: 'Acme', LastModifiedDate: yesterday }], {
      notify: true,
    });
    const conversion = sim.convertLead(String(id), { opportunity: { amount: 1_000, stageName: 'Qualification' } });
    const update = await eventually(
      () => jobs.flatMap((job) => job.changes).find((c) => c.changeType === 'UPDATE' && c.recordIds[0] === id),
      'the Lead update of the conversion',
    ).finally(() => subscriber.stop());
    // Change Data Capture Developer Guide, "Change Events for Lead Conversion".
    expect(update.fields).toMatchObject({
      IsConverted: true,
      ConvertedContactId: conversion.contactId,
      ConvertedAccountId: conversion.accountId,
      ConvertedOpportunityId: conversion.opportunityId,
    });
    expect(update.fields).toHaveProperty('Status');
    expect(update.fields).toHaveProperty('ConvertedDate');
    expect(update.fields).not.toHaveProperty('LastModifiedDate');
  });

  it('a replay id past retention opens reconciliation windows, counted, then follows from the tip', async () => {
    const jobs: SalesforceCdcJob[] = [];
    const windows: ReconcileWindow[] = [];
    const expired = { n: 0 };
    const first = await subscribed(jobs);
    createLeads('Old');
    await eventually(() => (names(jobs).length === 1 ? true : undefined), 'the first event');
    await first.stop();
    const committedAt = jobs[0]?.changes[0]?.commitTimestamp;
    createLeads('Gone');
    // The bus purges what is older than the retention: 'Gone' must be a millisecond old when it shrinks to 0.
    const goneAt = Date.now();
    await eventually(() => (Date.now() > goneAt ? true : undefined), 'a millisecond past the last commit');
    sim.pubsub!.setRetention(0);
    createLeads('Purges the rest');
    sim.pubsub!.setRetention(72 * 3_600_000);
    const stale = (await repositories(database.db).cdcReplay.get(channel))?.replayId;
    const second = run(jobs, windows, expired);
    await second.start();
    await eventually(() => (expired.n === 1 ? true : undefined), 'the expired replay id');
    // The stale id is forgotten (after the windows open); the new subscription's first keepalive stores the tip.
    await eventually(
      () =>
        repositories(database.db)
          .cdcReplay.get(channel)
          .then((r) => (r !== null && r.replayId !== stale ? r : undefined)),
      'the subscription from the tip',
    );
    createLeads('New');
    await eventually(() => (names(jobs).includes('New') ? true : undefined), 'the new event');
    await second.stop();
    expect(names(jobs)).toEqual(['Old', 'New']);
    expect(windows.map((w) => w.object)).toEqual(expect.arrayContaining(['Lead', 'Contact', 'Opportunity']));
    expect(new Set(windows.map((w) => `${w.since}:${w.reason}`))).toEqual(new Set([`${committedAt}:replay_expired`]));
  });
});

describe('the CDC lease', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('lets one worker hold the channel; another takes it only once the holder stops renewing', async () => {
    const key = `{lp-${randomBytes(4).toString('hex')}}:cdc-lease:/data/ChangeEvents`;
    const dead = new RedisLease(redis, key, 300);
    // A worker that took the lease and then died: it never renews.
    expect(await dead.acquire()).toBe(true);
    const holders: string[] = [];
    const overlaps: string[] = [];
    const start = (name: string) => {
      const lease = new RedisLease(redis, key, 300);
      return holdLease({
        lease,
        everyMs: 30,
        onError: (error) => {
          throw error;
        },
        whileHeld: async () => {
          const current = await lease.holder();
          if (current !== lease.token || holders.length > 0) overlaps.push(name);
          holders.push(name);
          return () => {
            holders.splice(holders.indexOf(name), 1);
            return Promise.resolve();
          };
        },
      });
    };
    const a = start('a');
    const b = start('b');
    await eventually(() => (holders.length === 1 ? true : undefined), 'a worker taking over the lapsed lease');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    const first = holders[0];
    await (first === 'a' ? a : b).close();
    await eventually(() => (holders.length === 1 && holders[0] !== first ? true : undefined), 'the other worker');
    await (first === 'a' ? b : a).close();
    expect(overlaps).toEqual([]);
    expect(await redis.exists(key)).toBe(0);
  });
});
