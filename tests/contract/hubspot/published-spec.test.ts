import type { Client } from '@hubspot/api-client';
import { EVERY_SIMULATED_SCOPE } from '../../../connectors/hubspot/simulator';
import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

// Behaviour HubSpot's published specs describe and tests/conformance/hubspot checks only by shape:
// what an update keeps, what a read with associations answers, what a GDPR delete leaves behind.
const sim = useSimulator({ scopes: EVERY_SIMULATED_SCOPE, searchPerSecond: 1000 });

async function enumerationProperty(client: Client): Promise<void> {
  await client.crm.properties.coreApi.create('contacts', {
    name: 'leadpact_outcome',
    label: 'Outcome',
    description: 'What Sales did with the lead',
    type: 'enumeration' as never,
    fieldType: 'select' as never,
    groupName: 'contactinformation',
    displayOrder: 7,
    options: [
      { label: 'Won', value: 'won', displayOrder: 0, hidden: false },
      { label: 'Lost', value: 'lost', displayOrder: 1, hidden: false },
    ],
  });
}

async function contactWithCompany(client: Client): Promise<{ contact: string; company: string }> {
  const {
    contacts: [contact],
    companies: [company],
  } = sim().seed({ contacts: [{ email: 'ada@acme.test' }], companies: [{ name: 'Acme' }] });
  await client.crm.associations.v4.basicApi.createDefault('contacts', contact!, 'companies', company!);
  return { contact: contact!, company: company! };
}

describe('HubSpot simulator: a property update changes only what it names (properties v3, "Update a property")', () => {
  it('keeps the description, options and displayOrder a label-only PATCH does not mention', async () => {
    const client = sdk(sim());
    await enumerationProperty(client);
    const updated = await client.crm.properties.coreApi.update('contacts', 'leadpact_outcome', { label: 'Result' });
    expect(updated).toMatchObject({ label: 'Result', type: 'enumeration', fieldType: 'select' });
    const reread = await client.crm.properties.coreApi.getByName('contacts', 'leadpact_outcome');
    expect(reread).toMatchObject({ label: 'Result', description: 'What Sales did with the lead', displayOrder: 7 });
    expect(reread.options.map((o) => [o.value, o.label, o.displayOrder])).toEqual([
      ['won', 'Won', 0],
      ['lost', 'Lost', 1],
    ]);
  });

  it('replaces the options only when the PATCH names them, and values follow the new options', async () => {
    const client = sdk(sim());
    await enumerationProperty(client);
    await client.crm.properties.coreApi.update('contacts', 'leadpact_outcome', {
      options: [{ label: 'Won', value: 'won', displayOrder: 0, hidden: false }],
    });
    const reread = await client.crm.properties.coreApi.getByName('contacts', 'leadpact_outcome');
    expect(reread.options.map((o) => o.value)).toEqual(['won']);
    expect(reread).toMatchObject({ label: 'Outcome', description: 'What Sales did with the lead', displayOrder: 7 });
    const { id } = await client.crm.contacts.basicApi.create({ properties: { email: 'o@x.test' }, associations: [] });
    const refused = await failureOf(
      client.crm.contacts.basicApi.update(id, { properties: { leadpact_outcome: 'lost' } }),
    );
    expect(refused.body).toMatchObject({ errors: [{ code: 'INVALID_OPTION' }] });
  });

  it('keeps a property group’s displayOrder when only its label changes', async () => {
    const client = sdk(sim());
    await client.crm.properties.groupsApi.create('contacts', { name: 'leadpact', label: 'leadpact', displayOrder: 4 });
    const updated = await client.crm.properties.groupsApi.update('contacts', 'leadpact', { label: 'Lead protocol' });
    expect(updated).toMatchObject({ name: 'leadpact', label: 'Lead protocol', displayOrder: 4 });
  });
});

describe('HubSpot simulator: associations on read and list (objects v3, "associations" parameter)', () => {
  it('answers the associated company ids on a read and on a list, and nothing for types not asked for', async () => {
    const client = sdk(sim());
    const { contact, company } = await contactWithCompany(client);
    const read = await client.crm.contacts.basicApi.getById(contact, ['email'], undefined, ['companies']);
    expect(read.associations?.['companies']?.results.map((r) => r.id)).toEqual([company]);
    const plain = await client.crm.contacts.basicApi.getById(contact, ['email']);
    expect(plain.associations).toBeUndefined();
    const page = await client.crm.contacts.basicApi.getPage(10, undefined, ['email'], undefined, ['companies']);
    const listed = page.results.find((r) => r.id === contact);
    expect(listed?.associations?.['companies']?.results.map((r) => r.id)).toEqual([company]);
    const back = await client.crm.companies.basicApi.getById(company, ['name'], undefined, ['contacts']);
    expect(back.associations?.['contacts']?.results.map((r) => r.id)).toEqual([contact]);
  });
});

describe('HubSpot simulator: object type ids in paths (objects v3: "objectType" is a name or its id)', () => {
  it('reads, updates and lists contacts under 0-1, companies under 0-2, deals under 0-3', async () => {
    const client = sdk(sim());
    const {
      contacts: [contact],
      companies: [company],
      deals: [deal],
    } = sim().seed({
      contacts: [{ email: 'id@x.test' }],
      companies: [{ name: 'Initech' }],
      deals: [{ dealname: 'Renewal' }],
    });
    expect((await client.crm.objects.basicApi.getById('0-1', contact!, ['email'])).properties['email']).toBe(
      'id@x.test',
    );
    expect((await client.crm.objects.basicApi.getById('0-2', company!, ['name'])).properties['name']).toBe('Initech');
    expect((await client.crm.objects.basicApi.getById('0-3', deal!, ['dealname'])).properties['dealname']).toBe(
      'Renewal',
    );
    await client.crm.objects.basicApi.update('0-1', contact!, { properties: { firstname: 'Ida' } });
    expect((await client.crm.contacts.basicApi.getById(contact!, ['firstname'])).properties['firstname']).toBe('Ida');
    const companies = await client.crm.objects.basicApi.getPage('0-2', 10);
    expect(companies.results.map((r) => r.id)).toEqual([company]);
    const property = await client.crm.properties.coreApi.getByName('0-1', 'email');
    expect(property.name).toBe('email');
  });
});

describe('HubSpot simulator: GDPR delete (contacts v3, "GDPR delete")', () => {
  it('removes the contact for good: no read, not even archived, no search hit, no associations', async () => {
    const client = sdk(sim());
    const { contact, company } = await contactWithCompany(client);
    await client.crm.contacts.basicApi.purge({ objectId: contact });
    expect((await failureOf(client.crm.contacts.basicApi.getById(contact))).code).toBe(404);
    expect((await failureOf(client.crm.contacts.basicApi.getById(contact, [], undefined, [], true))).code).toBe(404);
    const found = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: 'ada@acme.test' }] }],
      properties: ['email'],
      limit: 10,
    } as never);
    expect(found.total).toBe(0);
    const archived = await client.crm.contacts.basicApi.getPage(10, undefined, ['email'], undefined, undefined, true);
    expect(archived.results.map((r) => r.id)).not.toContain(contact);
    const back = await client.crm.associations.v4.basicApi.getPage('companies', company, 'contacts');
    expect(back.results).toEqual([]);
  });

  it('finds the contact by e-mail with idProperty, frees the address, and answers 404 for an unknown one', async () => {
    const client = sdk(sim());
    const { contact } = await contactWithCompany(client);
    await client.crm.contacts.basicApi.purge({ objectId: 'ada@acme.test', idProperty: 'email' });
    expect((await failureOf(client.crm.contacts.basicApi.getById(contact))).code).toBe(404);
    const again = await client.crm.contacts.basicApi.create({
      properties: { email: 'ada@acme.test' },
      associations: [],
    });
    expect(again.id).not.toBe(contact);
    expect((await failureOf(client.crm.contacts.basicApi.purge({ objectId: '999999' }))).code).toBe(404);
  });
});

describe('HubSpot simulator: v4 association labels (associations v4, "Association schema")', () => {
  it('creates a label, labels an association with it, renames it, and deletes it', async () => {
    const client = sdk(sim());
    const labels = client.crm.associations.v4.schema.definitionsApi;
    const { contact, company } = await contactWithCompany(client);
    const created = await labels.create('contacts', 'companies', { name: 'champion', label: 'Champion' });
    const typeId = created.results[0]!.typeId;
    expect(created.results[0]).toMatchObject({ category: 'USER_DEFINED', label: 'Champion' });
    expect((await labels.getAll('contacts', 'companies')).results).toContainEqual(
      expect.objectContaining({ typeId, label: 'Champion' }),
    );
    await client.crm.associations.v4.basicApi.create('contacts', contact, 'companies', company, [
      { associationCategory: 'USER_DEFINED' as never, associationTypeId: typeId },
    ]);
    const labelsOnRecord = async (): Promise<(string | undefined)[]> =>
      (await client.crm.associations.v4.basicApi.getPage('contacts', contact, 'companies')).results
        .flatMap((r) => r.associationTypes)
        .filter((t) => t.typeId === typeId)
        .map((t) => t.label);
    expect(await labelsOnRecord()).toEqual(['Champion']);
    await labels.update('contacts', 'companies', { associationTypeId: typeId, label: 'Sponsor' });
    expect(await labelsOnRecord()).toEqual(['Sponsor']);
    expect((await labels.getAll('contacts', 'companies')).results).toContainEqual(
      expect.objectContaining({ typeId, label: 'Sponsor' }),
    );
    await client.crm.associations.v4.basicApi.archive('contacts', contact, 'companies', company);
    await labels.remove('contacts', 'companies', typeId);
    expect((await labels.getAll('contacts', 'companies')).results.map((t) => t.typeId)).not.toContain(typeId);
    expect((await failureOf(labels.remove('contacts', 'companies', typeId))).code).toBe(404);
    expect(
      (await failureOf(labels.update('contacts', 'companies', { associationTypeId: typeId, label: 'Gone' }))).code,
    ).toBe(404);
  });

  it('refuses a second label with the same name between the same objects', async () => {
    const labels = sdk(sim()).crm.associations.v4.schema.definitionsApi;
    await labels.create('contacts', 'companies', { name: 'champion', label: 'Champion' });
    const twice = await failureOf(labels.create('contacts', 'companies', { name: 'champion', label: 'Other' }));
    expect(twice.code).toBe(400);
  });
});
