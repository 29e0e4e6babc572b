import jsforce from 'jsforce';
import { seededRandom } from '../../src/shared/random';
import { startChaosCluster, type ChaosCluster, type ServiceProcess } from '../support/chaos-cluster';
import { printFigures } from '../support/chaos-load';
import { qualifiedContact } from '../support/contacts';
import { eventually } from '../support/pipeline-harness';

/**
 * SALESFORCE_CHANGES=cdc with two workers: one holds the channel's lease and subscribes. Sales
 * answers several hundred Leads in Salesforce while the subscribing worker is killed with SIGKILL,
 * twice; the other worker (or a new one) takes the lease over and resumes after the replay id stored
 * in Postgres. Every answer must reach HubSpot, and be applied exactly once, with no outbound message.
 */

const LEADS = 300;
const PER_UPDATE = 3;
const EVERY_MS = 300;
const KILLS = 2;
const HOLDS = 'this worker holds the CDC channel';
const RELEASES = 'this worker no longer holds the CDC channel';

/** The live workers subscribed to the channel now, by what they logged: never more than one. */
function holders(cluster: ChaosCluster): ServiceProcess[] {
  return cluster.workers().filter((w) => w.printed(HOLDS) > w.printed(RELEASES));
}

interface Answer {
  readonly contactId: string;
  readonly leadId: string;
  readonly accept: boolean;
}

describe('kill -9 of the worker subscribed to Change Data Capture, mid-stream', () => {
  let cluster: ChaosCluster;
  beforeAll(async () => {
    cluster = await startChaosCluster({ workers: 2, salesforceChanges: 'cdc', hubspotRatePer10s: 400 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it(`after ${KILLS} kills of the subscriber, each of ${LEADS} answers reached HubSpot once, with no outbound message`, async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`cdc-kill seed ${seed} (CHAOS_SEED=${seed} repeats this run)`);
    const random = seededRandom(seed);
    // Sampled at every wait below: how many live workers were subscribed at once.
    let mostAtOnce = 0;
    const holder = () => {
      const now = holders(cluster);
      mostAtOnce = Math.max(mostAtOnce, now.length);
      return now[0];
    };

    // Marketing's qualified contacts, handed off to Salesforce and linked in the ledger.
    const contactIds = Array.from(
      { length: LEADS },
      (_, i) => cluster.hs.user.createContact(qualifiedContact(`cdckill-${seed}-${i}`)).id,
    );
    const leads = await eventually(
      async () => {
        const rows = await cluster.db.query<{ hubspot_contact_id: string; salesforce_id: string }>(
          'SELECT hubspot_contact_id, salesforce_id FROM leads WHERE hubspot_contact_id = ANY($1::text[]) AND salesforce_id IS NOT NULL',
          [contactIds],
        );
        return rows.rows.length === LEADS ? rows.rows : undefined;
      },
      240_000,
      `all ${LEADS} Leads handed off and linked`,
    );
    await eventually(() => holder(), 30_000, 'a worker subscribed to the CDC channel');

    // The Leads' owner answers them, a few a call (one transaction each), at a steady pace.
    const owner = cluster.sf.records('Lead').find((l) => l.Id === leads[0]?.salesforce_id)?.OwnerId;
    const rep = new jsforce.Connection({
      instanceUrl: cluster.sf.url,
      accessToken: cluster.sf.mintAccessToken(String(owner)),
      version: cluster.sf.apiVersion,
    });
    const answers: Answer[] = leads.map((row) => ({
      contactId: row.hubspot_contact_id,
      leadId: row.salesforce_id,
      accept: random() < 0.5,
    }));
    let sent = 0;
    const stream = (async () => {
      for (; sent < answers.length; sent += PER_UPDATE) {
        const batch = answers.slice(sent, sent + PER_UPDATE).map((a) => ({
          Id: a.leadId,
          ...(a.accept
            ? { Status: 'Working - Contacted' }
            : { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' }),
        }));
        const results = await rep.sobject('Lead').update(batch, { allOrNone: true });
        if (results.some((r) => !r.success)) throw new Error(`Sales' update failed: ${JSON.stringify(results)}`);
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
    })();

    // Kill the subscriber at seeded points of the stream, each time once a worker holds the channel again.
    const killAt = Array.from({ length: KILLS }, (_, k) =>
      Math.floor(((k + 0.3 + random() * 0.4) * answers.length) / (KILLS + 1)),
    );
    const killedAt: number[] = [];
    const victims: ServiceProcess[] = [];
    for (const at of killAt) {
      await eventually(() => (holder() !== undefined && sent >= at ? true : undefined), 120_000, `${at} answers sent`);
      const victim = await eventually(() => holder(), 60_000, 'a worker subscribed to the CDC channel');
      killedAt.push(sent);
      victims.push(victim);
      await cluster.kill(victim);
      await cluster.startWorker();
    }
    await stream;
    expect(killedAt.every((at) => at < answers.length)).toBe(true);

    const expected = (a: Answer, props: Readonly<Record<string, string>> | undefined) =>
      a.accept
        ? props?.leadpact_stage === 'accepted'
        : props?.leadpact_stage === 'recycled' && props.leadpact_rejection_code === 'NOT_READY';
    const started = Date.now();
    await eventually(
      () => {
        holder();
        const contacts = new Map(cluster.hs.contacts().map((c) => [c.id, c.properties]));
        return answers.every((a) => expected(a, contacts.get(a.contactId))) ? true : undefined;
      },
      240_000,
      'every answer in HubSpot',
    ).catch((error: unknown) => {
      const contacts = new Map(cluster.hs.contacts().map((c) => [c.id, c.properties]));
      const missing = answers.filter((a) => !expected(a, contacts.get(a.contactId)));
      throw new Error(
        `${String(error)}: ${missing.length} missing, e.g. ${JSON.stringify(missing.slice(0, 3))}\n${cluster.tails()}`,
      );
    });

    // Applied once: no lead moved into the same stage twice, and every lead moved on from its hand-off.
    const moves = await cluster.db.query<{ hubspot_contact_id: string; to_stage: string; n: number }>(
      `SELECT l.hubspot_contact_id, e.to_stage, count(*)::int AS n FROM leads l
         JOIN lead_events e ON e.lead_id = l.id AND e.from_stage IS NOT NULL AND e.from_stage <> e.to_stage
        WHERE l.hubspot_contact_id = ANY($1::text[]) AND e.to_stage IN ('accepted', 'rejected', 'recycled')
        GROUP BY 1, 2`,
      [contactIds],
    );
    const twice = moves.rows.filter((row) => row.n > 1);
    const moved = new Set(moves.rows.map((row) => row.hubspot_contact_id));
    const never = answers.filter((a) => !moved.has(a.contactId));
    printFigures('cdc subscriber kills', {
      seed,
      answers: answers.length,
      kills: killedAt.length,
      killedAfterAnswers: killedAt.join(' '),
      subscriptions: [...victims, ...cluster.workers()].reduce((n, w) => n + w.printed(HOLDS), 0),
      outboundAttempts: cluster.sf.outboundStats().attempts,
      movesTwice: twice.length,
      mostSubscribedAtOnce: mostAtOnce,
      drainSeconds: (Date.now() - started) / 1000,
    });
    expect({ twice, never: never.length }).toEqual({ twice: [], never: 0 });
    // Each kill was of the subscriber, and another worker subscribed after it.
    expect(victims.every((v) => v.printed(HOLDS) > 0)).toBe(true);
    expect(mostAtOnce).toBe(1);
    expect(cluster.workers().some((w) => w.printed(HOLDS) > 0)).toBe(true);
    expect(cluster.sf.outboundStats().attempts + cluster.sf.outboundStats().pending).toBe(0);
  });
});
