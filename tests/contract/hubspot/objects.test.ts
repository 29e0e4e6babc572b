import { EVERY_SIMULATED_SCOPE } from '../../../connectors/hubspot/simulator';
import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

// These tests cover the simulator's routes beyond what leadpact calls (companies, owners, custom
// object reads), so the app is granted every scope; scopes.test.ts covers refusals.
const sim = useSimulator({ scopes: EVERY_SIMULATED_SCOPE });

describe('HubSpot simulator: contacts through @hubspot/api-client', () => {
  it('creates a contact (201) with the system properties HubSpot adds', async () => {
    const contact = await sdk(sim()).crm.contacts.basicApi.create({
      properties: { email: 'ada@example.com', firstname: 'Ada' },
      associations: [],
    });
    expect(contact.id).toMatch(/^\d+$/);
    expect(contact.properties).toMatchObject({ email: 'ada@example.com', firstname: 'Ada', hs_object_id: contact.id });
    expect(contact.createdAt).toBeInstanceOf(Date);
    const stored = sim()
      .contacts()
      .find((c) => c.id === contact.id);
    expect(stored?.properties).toMatchObject({
      hs_analytics_source: 'OFFLINE',
      hs_object_source: 'INTEGRATION',
      num_conversion_events: '0',
      hs_email_domain: 'example.com',
    });
  });

  it('reads by id and by idProperty=email, with only the requested properties plus the three always sent', async () => {
    const client = sdk(sim());
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'Grace@Example.com', jobtitle: 'Admiral' },
      associations: [],
    });
    const byId = await client.crm.contacts.basicApi.getById(id, ['jobtitle']);
    expect(Object.keys(byId.properties).sort()).toEqual(['createdate', 'hs_object_id', 'jobtitle', 'lastmodifieddate']);
    const byEmail = await client.crm.contacts.basicApi.getById(
      'grace@example.com',
      ['email'],
      undefined,
      undefined,
      false,
      'email',
    );
    expect(byEmail.id).toBe(id);
    expect((await failureOf(client.crm.contacts.basicApi.getById('999999'))).code).toBe(404);
  });

  it('updates, archives (204) and then answers 404 for the archived contact', async () => {
    const client = sdk(sim());
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'x@example.com' },
      associations: [],
    });
    const updated = await client.crm.contacts.basicApi.update(id, { properties: { firstname: 'Xavier' } });
    expect(updated.properties['firstname']).toBe('Xavier');
    await client.crm.contacts.basicApi.archive(id);
    expect((await failureOf(client.crm.contacts.basicApi.getById(id))).code).toBe(404);
    const archived = await client.crm.contacts.basicApi.getById(id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('refuses a second contact with the same email: 409 CONFLICT naming the existing id', async () => {
    const client = sdk(sim());
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'dup@example.com' },
      associations: [],
    });
    const failure = await failureOf(
      client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }),
    );
    expect(failure.code).toBe(409);
    expect(failure.body).toMatchObject({
      status: 'error',
      category: 'CONFLICT',
      message: `Contact already exists. Existing ID: ${id}`,
    });
  });

  it('refuses unknown properties and bad values with the documented validation body', async () => {
    const client = sdk(sim());
    const unknown = await failureOf(
      client.crm.contacts.basicApi.create({
        properties: { email: 'a@example.com', favourite_colour: 'blue' },
        associations: [],
      }),
    );
    expect(unknown.code).toBe(400);
    expect(unknown.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      errors: [{ code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['favourite_colour'] } }],
    });
    expect(String(unknown.body['message'])).toContain('Property values were not valid: [{"isValid":false');
    const bad = await failureOf(
      client.crm.contacts.basicApi.create({
        properties: { email: 'not-an-email', lifecyclestage: 'prospect', hs_analytics_num_page_views: '3' },
        associations: [],
      }),
    );
    const codes = (bad.body['errors'] as { code: string }[]).map((e) => e.code).sort();
    expect(codes).toEqual(['INVALID_EMAIL', 'INVALID_OPTION', 'READ_ONLY_VALUE']);
    expect(sim().contacts()).toHaveLength(0);
  });

  it('moves lifecyclestage forward only, unless it is cleared first', async () => {
    const client = sdk(sim());
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'l@example.com', lifecyclestage: 'opportunity' },
      associations: [],
    });
    await client.crm.contacts.basicApi.update(id, { properties: { lifecyclestage: 'lead' } });
    expect((await client.crm.contacts.basicApi.getById(id, ['lifecyclestage'])).properties['lifecyclestage']).toBe(
      'opportunity',
    );
    await client.crm.contacts.basicApi.update(id, { properties: { lifecyclestage: '' } });
    await client.crm.contacts.basicApi.update(id, { properties: { lifecyclestage: 'lead' } });
    const contact = await client.crm.contacts.basicApi.getById(id, [
      'lifecyclestage',
      'hs_lifecyclestage_opportunity_date',
    ]);
    expect(contact.properties['lifecyclestage']).toBe('lead');
    expect(contact.properties['hs_lifecyclestage_opportunity_date']).not.toBeNull();
  });

  it('pages a list with after until getAll has every contact', async () => {
    sim().seed({ contacts: Array.from({ length: 250 }, (_, i) => ({ email: `p${i}@example.com` })) });
    const page = await sdk(sim()).crm.contacts.basicApi.getPage(100);
    expect(page.results).toHaveLength(100);
    expect(page.paging?.next?.after).toBeDefined();
    const all = await sdk(sim()).crm.contacts.getAll(100);
    expect(new Set(all.map((c) => c.id)).size).toBe(250);
  });

  it('answers a bad token with 401 INVALID_AUTHENTICATION and serves nothing', async () => {
    const failure = await failureOf(
      sdk(sim(), 'pat-na1-00000000-0000-0000-0000-000000000000').crm.contacts.basicApi.getPage(),
    );
    expect(failure.code).toBe(401);
    expect(failure.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(String(failure.body['message'])).toMatch(/^Authentication credentials not found/);
    expect(sim().calls().unauthorized).toBe(1);
  });

  it('associates a contact with a company (v4) and reports it on both sides', async () => {
    const client = sdk(sim());
    const {
      companies: [companyId],
    } = sim().seed({ companies: [{ name: 'Acme', domain: 'acme.test' }] });
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'c@acme.test' },
      associations: [],
    });
    await client.crm.associations.v4.basicApi.createDefault('contacts', id, 'companies', companyId!);
    const page = await client.crm.associations.v4.basicApi.getPage('contacts', id, 'companies');
    expect(page.results.map((r) => String(r.toObjectId))).toEqual([companyId]);
    expect(page.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([279]);
    const back = await client.crm.associations.v4.basicApi.getPage('companies', companyId!, 'contacts');
    expect(back.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([280]);
  });
});
