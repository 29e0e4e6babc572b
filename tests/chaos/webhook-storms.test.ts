import { salesforceId } from '../../src/shared/ids';
import { ChaosProxy, type Delivery } from '../support/chaos-proxy';
import { backlog, hubspotLimitFigures, pause, printFigures } from '../support/chaos-load';
import { handedOff, hubspotContact, qualifiedContact } from '../support/contacts';
import { eventually, startHarness, type Harness } from '../support/pipeline-harness';

const COPIES = 10;

/** Waits until leadpact holds no work: nothing queued or running, nothing in the outbox, for three looks in a row. */
async function settled(h: Harness): Promise<void> {
  for (let quiet = 0; quiet < 3;) {
    await pause(300);
    const jobs =
      (await h.runtime.pipeline?.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized')) ?? {};
    quiet = (await backlog(h.db)).outbox === 0 && Object.values(jobs).every((n) => n === 0) ? quiet + 1 : 0;
  }
}

/** Salesforce calls that write records (sObject DML and Collections). */
function salesforceWrites(h: Harness): number {
  return Object.entries(h.sf.calls().byRoute)
    .filter(([route]) => /^(PATCH|POST|DELETE|PUT) \/(sobjects|composite\/sobjects)/.test(route))
    .reduce((total, [, n]) => total + n, 0);
}

function leadsOf(h: Harness, contactId: string): readonly Readonly<Record<string, unknown>>[] {
  return h.sf.records('Lead').filter((l) => l.HubSpot_Contact_Id__c === contactId);
}

/** How many events (HubSpot) or notifications (Salesforce) one delivery carries. */
function eventsIn(delivery: Delivery): number {
  const text = delivery.body.toString('utf8');
  return delivery.path === '/webhooks/hubspot'
    ? (JSON.parse(text) as unknown[]).length
    : text.split('<Notification>').length - 1;
}

/** Holds the deliveries `act` causes, until `count` of them arrived; then delivers them newest first. */
async function outOfOrder(h: Harness, proxy: ChaosProxy, act: () => Promise<void>, count: number): Promise<number[]> {
  proxy.mode = 'hold';
  await act();
  await h.hs.flushWebhooks();
  await eventually(() => (proxy.heldCount() >= count ? true : undefined), 20_000, `${count} deliveries to be held`);
  proxy.mode = 'forward';
  return proxy.release((held) => [...held].reverse());
}

describe('webhook redelivery storms and out-of-order delivery', () => {
  let h: Harness;
  let proxy: ChaosProxy;
  const contacts: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    proxy = await ChaosProxy.start(h.baseUrl, h.hs.credentials.clientSecret);
    h.hs.setWebhookTarget(`${proxy.url}/webhooks/hubspot`);
    h.sf.setOutbound({
      url: `${proxy.url}/webhooks/salesforce`,
      objects: ['Lead', 'Contact', 'Opportunity', 'Task'],
      retryBaseMs: 50,
    });
  });
  afterAll(async () => {
    await h.close();
    await proxy.close();
  });

  it('HubSpot changes delivered newest first end with the newest value in Salesforce', async () => {
    let contactId = '';
    const statuses = await outOfOrder(
      h,
      proxy,
      async () => {
        contactId = h.hs.user.createContact(qualifiedContact('storm-order', { company: 'Storm Co v1' })).id;
        for (const version of ['v2', 'v3']) {
          await h.hs.flushWebhooks();
          // lastmodifieddate has millisecond precision, and each change gets its own delivery.
          await pause(50);
          h.hs.user.updateContact(contactId, { company: `Storm Co ${version}` });
        }
      },
      3,
    );
    contacts.push(contactId);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await eventually(
      () => (leadsOf(h, contactId)[0]?.Company === 'Storm Co v3' ? true : undefined),
      20_000,
      'the newest company in Salesforce',
    );
    await settled(h);
    expect(leadsOf(h, contactId).map((l) => l.Company)).toEqual(['Storm Co v3']);
  });

  it('Salesforce outbound messages delivered newest first end with the newest value in HubSpot', async () => {
    const { contactId, lead } = await handedOff(h, 'storm-sf');
    contacts.push(contactId);
    await eventually(
      () => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined),
      20_000,
      'the hand-off recorded',
    );
    await settled(h);
    const statuses = await outOfOrder(
      h,
      proxy,
      async () => {
        // Salesforce owns Title; SystemModstamp counts whole seconds, so the changes are a second apart.
        for (const title of ['Director of Storms', 'VP of Storms', 'Chief Storm Officer']) {
          await h.sales.update('Lead', [{ id: salesforceId(String(lead.Id)), fields: { Title: title } }]);
          await pause(1_100);
        }
      },
      3,
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await settled(h);
    expect(hubspotContact(h, contactId)?.jobtitle).toBe('Chief Storm Officer');
  });

  it(`a storm of ${COPIES} concurrent redeliveries of everything, in random order, duplicates nothing and changes nothing`, async () => {
    for (let i = 0; i < 30; i++) contacts.push(h.hs.user.createContact(qualifiedContact(`storm-${i}`)).id);
    await eventually(
      () => (contacts.every((id) => leadsOf(h, id).length === 1) ? true : undefined),
      30_000,
      'the contacts handed off',
    );
    await settled(h);
    const before = {
      writes: salesforceWrites(h),
      leads: h.sf.records('Lead').length,
      contacts: contacts.map((id) => ({ ...hubspotContact(h, id) })),
    };
    const storm: { delivery: Delivery; attempt: number }[] = proxy.received.flatMap((delivery) =>
      Array.from({ length: COPIES }, (_, i) => ({ delivery, attempt: i + 1 })),
    );
    storm.sort(() => Math.random() - 0.5);
    const statuses = await Promise.all(storm.map(({ delivery, attempt }) => proxy.deliver(delivery, attempt)));
    await settled(h);
    const after = {
      writes: salesforceWrites(h),
      leads: h.sf.records('Lead').length,
      contacts: contacts.map((id) => ({ ...hubspotContact(h, id) })),
    };
    printFigures('webhook storm', {
      deliveriesRecorded: proxy.received.length,
      redeliveries: storm.length,
      eventsRedelivered: storm.reduce((total, { delivery }) => total + eventsIn(delivery), 0),
      answered200: statuses.filter((s) => s === 200).length,
      salesforceWritesCaused: after.writes - before.writes,
      duplicateLeads: after.leads - before.leads,
      ...hubspotLimitFigures(h.hs),
    });
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(after.leads).toBe(before.leads);
    for (const id of contacts) expect(leadsOf(h, id)).toHaveLength(1);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.writes - before.writes).toBe(0);
  });
});
