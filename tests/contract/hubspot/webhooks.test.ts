import { createServer } from 'node:http';
import { Client, Signature } from '@hubspot/api-client';
import { verifyHubSpotSignature } from '../../../connectors/hubspot/webhook-signature';
import {
  eventually,
  failureOf,
  sdk,
  simulators,
  useSimulator,
  webhookReceiver,
  type ReceivedWebhook,
} from './hubspot-fixtures';

const sim = useSimulator({ webhookRetryBaseMs: 20, webhookTimeoutMs: 200 });
const receivers: { close(): Promise<void> }[] = [];
const extra = simulators();
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(() => extra.closeAll());

async function receiver(statuses: number[] = []): Promise<Awaited<ReturnType<typeof webhookReceiver>>> {
  const r = await webhookReceiver(statuses);
  receivers.push(r);
  sim().setWebhookTarget(r.url);
  return r;
}

function sdkAccepts(delivery: ReceivedWebhook, url: string, body = delivery.rawBody.toString('utf8')): boolean {
  return Signature.isValid({
    signatureVersion: 'v3',
    signature: String(delivery.headers['x-hubspot-signature-v3']),
    clientSecret: sim().credentials.clientSecret,
    requestBody: body,
    url,
    method: 'POST',
    timestamp: Number(delivery.headers['x-hubspot-request-timestamp']),
  });
}

describe('HubSpot simulator: webhooks v3 API through @hubspot/api-client', () => {
  it('manages settings and subscriptions with the developer API key', async () => {
    const client = sdk(sim());
    const { appId } = sim().credentials;
    const settings = await client.webhooks.settingsApi.configure(Number(appId), {
      targetUrl: 'http://127.0.0.1:9/hook',
      throttling: { maxConcurrentRequests: 5 },
    });
    expect(settings.targetUrl).toBe('http://127.0.0.1:9/hook');
    const created = await client.webhooks.subscriptionsApi.create(Number(appId), {
      eventType: 'contact.propertyChange' as never,
      propertyName: 'lifecyclestage',
      active: true,
    });
    expect(created).toMatchObject({
      eventType: 'contact.propertyChange',
      propertyName: 'lifecyclestage',
      active: true,
    });
    const paused = await client.webhooks.subscriptionsApi.update(Number(created.id), Number(appId), { active: false });
    expect(paused.active).toBe(false);
    expect((await client.webhooks.subscriptionsApi.getAll(Number(appId))).results).toHaveLength(1);
    await client.webhooks.subscriptionsApi.archive(Number(created.id), Number(appId));
    expect((await client.webhooks.subscriptionsApi.getAll(Number(appId))).results).toHaveLength(0);
    const missingProperty = await failureOf(
      client.webhooks.subscriptionsApi.create(Number(appId), {
        eventType: 'contact.propertyChange' as never,
        propertyName: 'nope',
      }),
    );
    expect(missingProperty.code).toBe(400);
    const wrongKey = await failureOf(
      new Client({ basePath: sim().url, developerApiKey: 'wrong' }).webhooks.settingsApi.getAll(Number(appId)),
    );
    expect(wrongKey.code).toBe(401);
  });
});

describe('HubSpot simulator: webhook delivery', () => {
  it('delivers creation and subscribed property changes, signed so the SDK and our verifier accept them', async () => {
    const hook = await receiver();
    sim().subscribe('contact.creation');
    sim().subscribe('contact.propertyChange', 'lifecyclestage');
    const contact = await sdk(sim()).crm.contacts.basicApi.create({
      properties: { email: 'w@example.com', firstname: 'W', lifecyclestage: 'lead' },
      associations: [],
    });
    await sim().flushWebhooks();
    const events = hook.events();
    expect(events.map((e) => e['subscriptionType']).sort()).toEqual(['contact.creation', 'contact.propertyChange']);
    expect(events.find((e) => e['subscriptionType'] === 'contact.propertyChange')).toMatchObject({
      objectId: Number(contact.id),
      propertyName: 'lifecyclestage',
      propertyValue: 'lead',
      changeSource: 'INTEGRATION',
      sourceId: sim().credentials.appId,
      portalId: sim().credentials.portalId,
      appId: Number(sim().credentials.appId),
      attemptNumber: 0,
    });
    const delivery = hook.received[0]!;
    expect(sdkAccepts(delivery, hook.url)).toBe(true);
    expect(sdkAccepts(delivery, hook.url, delivery.rawBody.toString('utf8').replace('lead', 'customer'))).toBe(false);
    const verdict = verifyHubSpotSignature({
      rawBody: delivery.rawBody,
      signature: String(delivery.headers['x-hubspot-signature-v3']),
      timestamp: String(delivery.headers['x-hubspot-request-timestamp']),
      method: 'POST',
      url: hook.url,
      clientSecret: sim().credentials.clientSecret,
      now: Date.now(),
    });
    expect(verdict.ok).toBe(true);
  });

  it('attributes a marketer’s edit to CRM_UI and says nothing about unsubscribed properties', async () => {
    const hook = await receiver();
    sim().subscribe('contact.propertyChange', 'hs_lead_status');
    const [id] = sim().seed({ contacts: [{ email: 'm@example.com' }] }).contacts;
    sim().user.updateContact(id!, { hs_lead_status: 'OPEN', jobtitle: 'CMO' });
    await sim().flushWebhooks();
    expect(hook.events()).toEqual([
      expect.objectContaining({
        propertyName: 'hs_lead_status',
        propertyValue: 'OPEN',
        changeSource: 'CRM_UI',
        sourceId: 'userId:9000001',
      }),
    ]);
  });

  it('reports deletion, merge and association changes as HubSpot does', async () => {
    const hook = await receiver();
    for (const type of ['contact.deletion', 'contact.merge', 'contact.associationChange']) sim().subscribe(type);
    const {
      contacts: [a, b, c],
      companies: [company],
    } = sim().seed({
      contacts: [{ email: 'a@x.test' }, { email: 'b@x.test' }, { email: 'c@x.test' }],
      companies: [{ name: 'X' }],
    });
    const client = sdk(sim());
    await client.crm.contacts.basicApi.archive(c!);
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: a!, objectIdToMerge: b! });
    await client.crm.associations.v4.basicApi.createDefault('contacts', merged.id, 'companies', company!);
    await sim().flushWebhooks();
    expect(hook.received.every((delivery) => sdkAccepts(delivery, hook.url))).toBe(true);
    const byType = new Map(hook.events().map((e) => [String(e['subscriptionType']), e]));
    expect(byType.get('contact.deletion')).toMatchObject({ objectId: Number(c), changeFlag: 'DELETED' });
    expect(byType.get('contact.merge')).toMatchObject({
      objectId: Number(merged.id),
      newObjectId: Number(merged.id),
      primaryObjectId: Number(a),
      mergedObjectIds: [Number(b)],
      changeFlag: 'MERGED',
    });
    expect(byType.get('contact.associationChange')).toMatchObject({
      associationType: 'CONTACT_TO_COMPANY',
      fromObjectId: Number(merged.id),
      toObjectId: Number(company),
      associationRemoved: false,
    });
    expect(merged.id).not.toBe(a);
    expect(merged.properties['hs_merged_object_ids']).toBeUndefined();
    const reread = await client.crm.contacts.basicApi.getById(b!, [
      'hs_merged_object_ids',
      'email',
      'hs_additional_emails',
    ]);
    expect(reread.id).toBe(merged.id);
    expect(reread.properties).toMatchObject({
      hs_merged_object_ids: `${a};${b}`,
      email: 'a@x.test',
      hs_additional_emails: 'b@x.test',
    });
  });

  it('announces a GDPR delete as contact.privacyDeletion and contact.deletion, each to its own subscription', async () => {
    const hook = await receiver();
    sim().subscribe('contact.privacyDeletion');
    const {
      contacts: [kept, erased],
    } = sim().seed({ contacts: [{ email: 'kept@x.test' }, { email: 'erased@x.test' }] });
    const client = sdk(sim());
    await client.crm.contacts.basicApi.purge({ objectId: erased! });
    await client.crm.contacts.basicApi.archive(kept!);
    await sim().flushWebhooks();
    // Only privacyDeletion is subscribed: the ordinary archive and the GDPR delete's deletion send nothing.
    expect(hook.events().map((e) => [e['subscriptionType'], e['objectId']])).toEqual([
      ['contact.privacyDeletion', Number(erased)],
    ]);
    sim().subscribe('contact.deletion');
    const {
      contacts: [second],
    } = sim().seed({ contacts: [{ email: 'second@x.test' }] });
    await client.crm.contacts.basicApi.purge({ objectId: second! });
    await sim().flushWebhooks();
    expect(hook.received.every((delivery) => sdkAccepts(delivery, hook.url))).toBe(true);
    const forSecond = hook.events().filter((e) => e['objectId'] === Number(second));
    expect(forSecond.map((e) => e['subscriptionType']).sort()).toEqual(['contact.deletion', 'contact.privacyDeletion']);
    expect(forSecond.find((e) => e['subscriptionType'] === 'contact.privacyDeletion')).not.toHaveProperty('changeFlag');
  });

  it('batches at most 100 events per request', async () => {
    const hook = await receiver();
    sim().subscribe('contact.creation');
    await sdk(sim()).crm.contacts.batchApi.create({
      inputs: Array.from({ length: 100 }, (_, i) => ({ properties: { email: `n${i}@x.test` }, associations: [] })),
    });
    await sdk(sim()).crm.contacts.batchApi.create({
      inputs: Array.from({ length: 50 }, (_, i) => ({ properties: { email: `m${i}@x.test` }, associations: [] })),
    });
    await sim().flushWebhooks();
    expect(
      hook.received.map((r) => (JSON.parse(r.rawBody.toString('utf8')) as unknown[]).length).sort((x, y) => y - x),
    ).toEqual([100, 50]);
    expect(hook.received.every((delivery) => sdkAccepts(delivery, hook.url))).toBe(true);
  });

  it('redelivers after a 5xx with attemptNumber 1, but drops what a 400 refused', async () => {
    const hook = await receiver([500, 204]);
    sim().subscribe('contact.creation');
    await sdk(sim()).crm.contacts.basicApi.create({ properties: { email: 'r@x.test' }, associations: [] });
    await sim().flushWebhooks();
    await eventually(() => hook.received.length === 2);
    expect(hook.events().map((e) => e['attemptNumber'])).toEqual([0, 1]);
    expect(hook.received.every((delivery) => sdkAccepts(delivery, hook.url))).toBe(true);
    expect(hook.received[0]!.headers['x-hubspot-signature-v3']).not.toBe(
      hook.received[1]!.headers['x-hubspot-signature-v3'],
    );
    const failedBefore = sim().calls().webhooks.failedAttempts;
    const refusing = await receiver([400]);
    await sdk(sim()).crm.contacts.basicApi.create({ properties: { email: 's@x.test' }, associations: [] });
    await sim().flushWebhooks();
    expect(refusing.received).toHaveLength(1);
    expect(sim().calls().webhooks).toMatchObject({ droppedEvents: 1, failedAttempts: failedBefore });
  });

  it('counts a receiver that does not answer in time as failed and tries again', async () => {
    const slowSim = await extra.start({ webhookRetryBaseMs: 20, webhookTimeoutMs: 50 });
    const hook = await webhookReceiver();
    receivers.push(hook);
    const stalling = await webhookReceiverThatStalls();
    receivers.push(stalling);
    slowSim.setWebhookTarget(stalling.url);
    slowSim.subscribe('contact.creation');
    slowSim.user.createContact({ email: 't@x.test' });
    await slowSim.flushWebhooks();
    await eventually(() => stalling.hits >= 2);
    expect(slowSim.calls().webhooks.failedAttempts).toBeGreaterThanOrEqual(1);
  });
});

async function webhookReceiverThatStalls(): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server = createServer(() => {
    state.hits++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    get hits() {
      return state.hits;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
