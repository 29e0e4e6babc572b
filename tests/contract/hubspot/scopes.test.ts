import { createHubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { HUBSPOT_SCOPE_NEEDS, missingScopes, requiredScopes } from '../../../connectors/hubspot/required-scopes';
import { missingTokenScopes, readTokenInfo, tokenScopes } from '../../../connectors/hubspot/token-info';
import type { HubSpotContactId } from '../../../src/shared/ids';
import { CrmError } from '../../../src/shared/errors';
import { disposition } from '../../../src/shared/failures';
import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

const sim = useSimulator({ portalId: 4_242_424, appId: 777 });

const LEADPACT_SCOPES = HUBSPOT_SCOPE_NEEDS.map((need) => need.scope);
const WITHOUT_CONTACT_WRITES = LEADPACT_SCOPES.filter((scope) => scope !== 'crm.objects.contacts.write');

/** The documented MISSING_SCOPES answer, naming the scopes of which one is required. */
function missingScopesBody(scopes: readonly string[]): Record<string, unknown> {
  return {
    status: 'error',
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    correlationId: expect.any(String),
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: scopes },
      },
    ],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
    category: 'MISSING_SCOPES',
  };
}

async function seedContact(): Promise<string> {
  const [id] = sim().seed({ contacts: [{ email: 'ada@example.test', firstname: 'Ada' }] }).contacts;
  if (id === undefined) throw new Error('no contact seeded');
  return id;
}

describe('HubSpot private-app scopes', () => {
  it('grants the scopes leadpact needs by default, and every app holds oauth', async () => {
    const info = await readTokenInfo({ accessToken: sim().credentials.accessToken, baseUrl: sim().url });
    expect(info).toEqual({
      userId: sim().credentials.uiUserId,
      hubId: 4_242_424,
      appId: 777,
      scopes: expect.any(Array),
    });
    expect([...info.scopes].sort()).toEqual([...LEADPACT_SCOPES, 'oauth'].sort());
    expect(missingScopes(info.scopes, { campaignMetrics: true })).toEqual([]);
  });

  it('refuses a write outside the scopes with the documented 403, while reads go on', async () => {
    const id = await seedContact();
    sim().setScopes(WITHOUT_CONTACT_WRITES);
    const client = sdk(sim());

    const update = await failureOf(client.crm.contacts.basicApi.update(id, { properties: { firstname: 'Grace' } }));
    expect(update.code).toBe(403);
    expect(update.body).toEqual(missingScopesBody(['crm.objects.contacts.write']));
    const batch = await failureOf(
      client.crm.contacts.batchApi.upsert({ inputs: [{ id: 'b@example.test', idProperty: 'email', properties: {} }] }),
    );
    expect(batch.body).toEqual(missingScopesBody(['crm.objects.contacts.write']));
    expect(
      sim()
        .contacts()
        .map((c) => c.properties['firstname']),
    ).toEqual(['Ada']);

    await expect(client.crm.contacts.basicApi.getById(id, ['firstname'])).resolves.toMatchObject({
      properties: { firstname: 'Ada' },
    });
    const found = await client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 10, after: '0' });
    expect(found.results.map((c) => c.id)).toEqual([id]);
    expect(sim().calls().missingScopes).toBe(2);
  });

  it('asks for the scope of the object type in the path: schemas for properties, owners, custom objects', async () => {
    sim().setScopes(['crm.objects.contacts.read']);
    const client = sdk(sim());
    // Reading a type's properties takes its schema read scope or either of its object scopes.
    await expect(client.crm.properties.coreApi.getAll('contacts')).resolves.toMatchObject({
      results: expect.any(Array),
    });
    const companies = await failureOf(client.crm.properties.coreApi.getAll('companies'));
    expect(companies.body).toEqual(
      missingScopesBody(['crm.schemas.companies.read', 'crm.objects.companies.read', 'crm.objects.companies.write']),
    );
    const create = await failureOf(
      client.crm.properties.coreApi.create('contacts', {
        name: 'leadpact_probe',
        label: 'Probe',
        type: 'string' as never,
        fieldType: 'text' as never,
        groupName: 'contactinformation',
      }),
    );
    expect(create.body).toEqual(missingScopesBody(['crm.schemas.contacts.write']));
    expect((await failureOf(client.crm.owners.ownersApi.getPage())).body).toEqual(
      missingScopesBody(['crm.objects.owners.read']),
    );
    expect((await failureOf(client.crm.schemas.coreApi.getAll())).body).toEqual(
      missingScopesBody(['crm.schemas.custom.read', 'crm.objects.custom.read']),
    );
  });

  it('asks custom object records for the custom scopes, and answers an unknown object type before any scope', async () => {
    sim().setScopes(['crm.schemas.custom.write']);
    const schema = await sdk(sim()).crm.schemas.coreApi.create({
      name: 'campaign_metrics',
      labels: { singular: 'Campaign metrics', plural: 'Campaign metrics' },
      primaryDisplayProperty: 'metric_key',
      requiredProperties: ['metric_key'],
      properties: [
        { name: 'metric_key', label: 'Key', type: 'string' as never, fieldType: 'text', hasUniqueValue: true },
      ],
      associatedObjects: [],
    });
    const client = sdk(sim());
    const list = await failureOf(client.crm.objects.basicApi.getPage(schema.objectTypeId ?? ''));
    expect(list.body).toEqual(missingScopesBody(['crm.objects.custom.read']));
    const upsert = await failureOf(
      client.crm.objects.batchApi.upsert(schema.fullyQualifiedName ?? '', {
        inputs: [{ id: 'k1', idProperty: 'metric_key', properties: { metric_key: 'k1' } }],
      }),
    );
    expect(upsert.body).toEqual(missingScopesBody(['crm.objects.custom.write']));
    const unknown = await failureOf(client.crm.objects.basicApi.getPage('p4242424_nothing_here'));
    expect(unknown).toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
  });

  it('leaves the UI user, the developer API key and the account-info API out of scope checks', async () => {
    sim().setScopes([]);
    const asUser = sdk(sim(), sim().credentials.uiUserToken);
    await expect(asUser.crm.owners.ownersApi.getPage()).resolves.toMatchObject({ results: expect.any(Array) });
    const app = sdk(sim());
    await expect(app.webhooks.subscriptionsApi.getAll(Number(sim().credentials.appId))).resolves.toMatchObject({
      results: [],
    });
    const details = await app.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect(details.status).toBe(200);
    expect(sim().scopes()).toEqual(['oauth']);
  });

  it('tells leadpact which of its scopes the token lacks, with why each is needed', async () => {
    sim().setScopes(WITHOUT_CONTACT_WRITES);
    const options = { accessToken: sim().credentials.accessToken, baseUrl: sim().url };
    expect(await tokenScopes(options)).not.toContain('crm.objects.contacts.write');
    const missing = await missingTokenScopes(options);
    expect(missing.map((need) => need.scope)).toEqual(['crm.objects.contacts.write']);
    expect(missing[0]?.why).toMatch(/writes the stage/);
    expect(requiredScopes()).toContain('crm.objects.contacts.write');
  });

  it('answers token info for an unknown token as HubSpot answers a bad token', async () => {
    const failure = await readTokenInfo({ accessToken: 'pat-na1-not-ours', baseUrl: sim().url }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CrmError);
    expect((failure as CrmError).code).toBe('CRM_AUTH_FAILED');
  });

  it("classifies the connector's refused write as a setup problem naming the scope and the fix", async () => {
    const id = await seedContact();
    sim().setScopes(WITHOUT_CONTACT_WRITES);
    const connector = createHubSpotConnector({ accessToken: sim().credentials.accessToken, baseUrl: sim().url });
    try {
      const failure = await connector
        .updateContacts([{ id: id as HubSpotContactId, properties: { firstname: 'Grace' } }])
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CrmError);
      const error = failure as CrmError;
      expect(error.code).toBe('HUBSPOT_SCOPE_MISSING');
      expect(error.retryable).toBe(false);
      expect(error.context).toMatchObject({ scopes: ['crm.objects.contacts.write'], status: 403 });
      expect(error.message).toContain('the private app lacks the scope crm.objects.contacts.write');
      expect(error.message).toContain('Settings → Integrations → Private Apps');
      expect(error.message).not.toContain(sim().credentials.accessToken);
      expect(disposition(error)).toMatchObject({ kind: 'dead', code: 'HUBSPOT_SCOPE_MISSING' });
      // The contact reads still work: only the writes wait for the scope.
      await expect(connector.readContacts([id as HubSpotContactId], ['firstname'])).resolves.toHaveLength(1);
    } finally {
      connector.close();
    }
  });

  it('changes and shows the scopes over the control surface; a reset restores the starting ones', async () => {
    const put = await fetch(`${sim().url}/__sim/scopes`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scopes: ['crm.objects.contacts.read'] }),
    });
    expect(await put.json()).toEqual({ scopes: ['crm.objects.contacts.read', 'oauth'] });
    const credentials = (await (await fetch(`${sim().url}/__sim/credentials`)).json()) as { scopes: string[] };
    expect(credentials.scopes).toEqual(['crm.objects.contacts.read', 'oauth']);
    sim().reset();
    expect([...sim().scopes()].sort()).toEqual([...LEADPACT_SCOPES, 'oauth'].sort());
  });
});
