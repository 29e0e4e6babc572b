import { startChaosCluster, type ChaosCluster } from '../support/chaos-cluster';
import { backlog, drained, hubspotLimitFigures, Load, pause, printFigures } from '../support/chaos-load';
import { qualifiedContact } from '../support/contacts';
import { eventually } from '../support/pipeline-harness';

/**
 * A contact whose webhooks are all lost (the endpoint answered 404, so HubSpot gave up on them):
 * only reconciliation, a scheduled job that lived in the Redis that was lost, can hand it off.
 * Returns how long that took.
 */
async function contactWithoutWebhook(cluster: ChaosCluster): Promise<number> {
  cluster.hs.setWebhookTarget(`${cluster.sf.url}/__sim/no-such-endpoint`);
  const contact = cluster.hs.user.createContact(qualifiedContact('redis-unannounced'));
  await cluster.hs.flushWebhooks();
  cluster.hs.setWebhookTarget(`${cluster.serviceUrl}/webhooks/hubspot`);
  const createdAt = Date.now();
  await eventually(
    () => cluster.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contact.id),
    90_000,
    'reconciliation to hand off a contact no webhook announced',
  );
  return (Date.now() - createdAt) / 1000;
}

describe('Redis dies mid-run and comes back empty', () => {
  let cluster: ChaosCluster;
  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 1 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('nothing is lost, and leadpact recovers without being restarted', async () => {
    const pids = [...cluster.workers()].map((w) => w.child.pid);
    const load = new Load(cluster, { tag: 'redis', contactsPerSecond: 10, rejectEvery: 4 });
    load.start();
    await pause(8_000);
    // No persistence: the queues, the delayed SLA timers, the schedules and every dedupe key are gone.
    const queuedAtCrash = await cluster.inbound.getJobCounts('waiting', 'active', 'delayed');
    await cluster.redis.stop();
    const downAt = Date.now();
    await pause(6_000);
    await cluster.redis.start();
    const downSeconds = (Date.now() - downAt) / 1000;
    await pause(8_000);
    const sent = await load.stop();
    const { reckoning, seconds: drainSeconds } = await drained(cluster, cluster.db, load, 180_000, () =>
      cluster.tails(),
    );
    const reconciledSeconds = await contactWithoutWebhook(cluster);
    const webhooks = cluster.hs.calls().webhooks;
    printFigures('redis restart', {
      contacts: sent.contacts,
      rejections: load.rejected.size,
      jobsLostInRedis: Object.values(queuedAtCrash).reduce((a, b) => a + b, 0),
      downSeconds,
      webhookFailedAttempts: webhooks.failedAttempts,
      webhookEventsDropped: webhooks.droppedEvents,
      outboundFailedAttempts: cluster.sf.outboundStats().failedAttempts,
      duplicates: reckoning.duplicates,
      missing: reckoning.missing,
      deadLetters: (await backlog(cluster.db)).deadLetters,
      ...hubspotLimitFigures(cluster.hs),
      drainSeconds,
      reconciledSeconds,
    });
    expect(reckoning).toEqual({ missing: 0, duplicates: 0, feedbackMissing: 0 });
    // The same processes, still running: nobody restarted leadpact.
    expect(cluster.workers().map((w) => w.child.pid)).toEqual(pids);
    expect(webhooks.failedAttempts).toBeGreaterThan(0);
  });
});
