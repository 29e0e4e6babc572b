import { startChaosCluster, type ChaosCluster } from '../support/chaos-cluster';
import { backlog, drained, hubspotLimitFigures, Load, pause, printFigures } from '../support/chaos-load';

const KILLS = 20;

/** Whether the worker about to die holds work: an inbound job running, or CRM writes leased. */
async function inFlight(cluster: ChaosCluster): Promise<boolean> {
  const leased = await cluster.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE leased_until > now()',
  );
  return (await cluster.inbound.getActiveCount()) > 0 || (leased.rows[0]?.n ?? 0) > 0;
}

describe('kill -9 of workers mid-batch, under load', () => {
  let cluster: ChaosCluster;
  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it(`after ${KILLS} kills every qualified contact is in Salesforce exactly once and every rejection has reached HubSpot`, async () => {
    const load = new Load(cluster, { tag: 'kill', contactsPerSecond: 15, rejectEvery: 4 });
    load.start();
    let killsMidBatch = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await pause(500 + Math.random() * 2_000);
      const workers = cluster.workers();
      const victim = workers[Math.floor(Math.random() * workers.length)];
      if (victim === undefined) throw new Error(`no worker left to kill\n${cluster.tails()}`);
      if (await inFlight(cluster)) killsMidBatch++;
      await cluster.kill(victim);
      await cluster.startWorker();
    }
    const sent = await load.stop();
    const { reckoning, seconds: drainSeconds } = await drained(cluster, cluster.db, load, 240_000, () =>
      cluster.tails(),
    );
    const left = await backlog(cluster.db);
    printFigures('worker kills', {
      kills: KILLS,
      killsMidBatch,
      contacts: sent.contacts,
      rejections: load.rejected.size,
      webhookEvents: cluster.hs.calls().webhooks.deliveredEvents,
      outboundMessages: cluster.sf.outboundStats().messagesDelivered,
      duplicates: reckoning.duplicates,
      missing: reckoning.missing,
      deadLetters: left.deadLetters,
      ...hubspotLimitFigures(cluster.hs),
      drainSeconds,
    });
    expect(reckoning).toEqual({ missing: 0, duplicates: 0, feedbackMissing: 0 });
    expect(load.rejected.size).toBeGreaterThan(0);
    expect(killsMidBatch).toBeGreaterThan(0);
  });
});
