import { startChaosCluster, type ChaosCluster } from '../support/chaos-cluster';
import { backlog, drained, hubspotLimitFigures, Load, pause, printFigures } from '../support/chaos-load';

const OUTAGE_MS = 8_000;

/**
 * Ends every connection leadpact's processes hold, as a Postgres restart does, over and over for
 * the outage: a connection opened in between lives a few milliseconds. (The test server is shared
 * with other suites, so it is leadpact's connections that go down, not the server.)
 */
async function cutConnections(cluster: ChaosCluster, forMs: number): Promise<number> {
  let cut = 0;
  for (const until = Date.now() + forMs; Date.now() < until;) {
    const result = await cluster.db.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [cluster.applicationName],
    );
    cut += result.rows[0]?.n ?? 0;
    await pause(100);
  }
  return cut;
}

describe('Postgres connections cut mid-run', () => {
  let cluster: ChaosCluster;
  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 1 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('nothing is lost, and leadpact recovers without being restarted', async () => {
    const pids = cluster.workers().map((w) => w.child.pid);
    const load = new Load(cluster, { tag: 'pg', contactsPerSecond: 10, rejectEvery: 4 });
    load.start();
    await pause(6_000);
    const connectionsCut = await cutConnections(cluster, OUTAGE_MS);
    await pause(6_000);
    const sent = await load.stop();
    const { reckoning, seconds: drainSeconds } = await drained(cluster, cluster.db, load, 180_000, () =>
      cluster.tails(),
    );
    printFigures('postgres cut', {
      contacts: sent.contacts,
      rejections: load.rejected.size,
      outageSeconds: OUTAGE_MS / 1000,
      connectionsCut,
      duplicates: reckoning.duplicates,
      missing: reckoning.missing,
      deadLetters: (await backlog(cluster.db)).deadLetters,
      ...hubspotLimitFigures(cluster.hs),
      drainSeconds,
    });
    expect(connectionsCut).toBeGreaterThan(0);
    expect(reckoning).toEqual({ missing: 0, duplicates: 0, feedbackMissing: 0 });
    expect(cluster.workers().map((w) => w.child.pid)).toEqual(pids);
  });
});
