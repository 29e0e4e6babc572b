import { Client } from '@hubspot/api-client';
import { isMap, isSeq } from 'yaml';
import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { MARKETING_PROPERTIES } from '../../../src/demo/marketing-properties';
import { changedNothing, provision, webhookSubscriptions } from '../../../src/app/provision';
import { shippedProtocol } from '../../unit/cli/protocol-fixture';

describe('provision against the simulators', () => {
  // The simulated portal lacks HubSpot's standard hs_email_last_click_date, which HubSpot refuses to
  // watch while it does not exist; the shipped protocol's other touch sources are kept.
  const protocol = shippedProtocol((doc) => {
    const sources = doc.getIn(['qualification', 'touches', 'sources']);
    if (!isSeq(sources)) throw new Error('the shipped protocol has no touch sources');
    sources.items = sources.items.filter(
      (source) => !(isMap(source) && source.get('property') === 'hs_email_last_click_date'),
    );
  });
  let sf: SalesforceSimulator;
  let hs: HubSpotSimulator;
  let salesforce: SalesforcePort;
  let hubspot: HubSpotConnector;
  beforeAll(async () => {
    sf = await startSalesforceSimulator();
    hs = await startHubSpotSimulator();
    const c = sf.credentials;
    salesforce = await createSalesforceConnector({
      auth: {
        kind: 'password',
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        username: c.username,
        password: `${c.password}${c.securityToken}`,
      },
      loginUrl: sf.url,
      apiVersion: sf.apiVersion,
    });
    hubspot = createHubSpotConnector({
      accessToken: hs.credentials.accessToken,
      baseUrl: hs.url,
      developerApiKey: hs.credentials.developerApiKey,
    });
    // The marketing team's own properties, which the protocol reads and HubSpot only lets us watch if they exist.
    await hubspot.provision(MARKETING_PROPERTIES);
  });
  afterAll(async () => {
    hubspot.close();
    await Promise.all([sf.close(), hs.close()]);
  });

  const webhooks = () => ({ appId: hs.credentials.appId, publicUrl: 'https://leadpact.corvid.example' });

  it('creates the fields, properties and webhook subscriptions, then a second run changes nothing', async () => {
    const first = await provision({ protocol, salesforce, hubspot, webhooks: webhooks() });
    expect(first.salesforce.created).toEqual(
      expect.arrayContaining([
        'Lead.HubSpot_Contact_Id__c',
        'Contact.HubSpot_Contact_Id__c',
        'Campaign.Leadpact_Wastage_Rate__c',
      ]),
    );
    expect(first.hubspot.created).toEqual(
      expect.arrayContaining([
        'group:leadpact',
        'property:leadpact_stage',
        'property:leadpact_reengage_at',
        'webhooks:target',
        'subscription:contact.privacyDeletion',
      ]),
    );
    expect(changedNothing(first)).toBe(false);

    const second = await provision({ protocol, salesforce, hubspot, webhooks: webhooks() });
    expect(changedNothing(second)).toBe(true);
    expect(second.salesforce.unchanged).toHaveLength(first.salesforce.created.length);
    expect(second.hubspot.unchanged).toHaveLength(first.hubspot.created.length);
  });

  it('leaves HubSpot subscribed to exactly what the protocol needs, at PUBLIC_URL/webhooks/hubspot', async () => {
    const client = new Client({ developerApiKey: hs.credentials.developerApiKey, basePath: hs.url });
    const appId = Number(hs.credentials.appId);
    expect((await client.webhooks.settingsApi.getAll(appId)).targetUrl).toBe(
      'https://leadpact.corvid.example/webhooks/hubspot',
    );
    const active = (await client.webhooks.subscriptionsApi.getAll(appId)).results.filter((s) => s.active);
    const key = (s: { eventType: string; propertyName?: string | undefined }) =>
      `${s.eventType}:${s.propertyName ?? ''}`;
    expect(active.map(key).sort()).toEqual(webhookSubscriptions(protocol).map(key).sort());
  });

  it("makes a hand-off to an existing account's Contact possible: Contacts upsert by the HubSpot id", async () => {
    const [outcome] = await salesforce.upsert('Contact', 'HubSpot_Contact_Id__c', [
      { fields: { LastName: 'Buyer', HubSpot_Contact_Id__c: '4242', Lead_Protocol_Stage__c: 'handed_off' } },
    ]);
    expect(outcome).toMatchObject({ ok: true, created: true });
  });
});
