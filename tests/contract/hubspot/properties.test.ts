import { EVERY_SIMULATED_SCOPE } from '../../../connectors/hubspot/simulator';
import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

// These tests cover the simulator's routes beyond what leadpact calls (companies, owners, custom
// object reads), so the app is granted every scope; scopes.test.ts covers refusals.
const sim = useSimulator({ scopes: EVERY_SIMULATED_SCOPE });

describe('HubSpot simulator: properties and groups through @hubspot/api-client', () => {
  it('creates a group and an enumeration property (201), then values are validated against its options', async () => {
    const client = sdk(sim());
    const group = await client.crm.properties.groupsApi.create('contacts', {
      name: 'leadpact',
      label: 'leadpact',
      displayOrder: -1,
    });
    expect(group).toMatchObject({ name: 'leadpact', archived: false });
    const property = await client.crm.properties.coreApi.create('contacts', {
      name: 'leadpact_stage',
      label: 'Lead stage',
      type: 'enumeration' as never,
      fieldType: 'select' as never,
      groupName: 'leadpact',
      options: [{ label: 'MQL', value: 'mql', displayOrder: 0, hidden: false }],
    });
    expect(property).toMatchObject({ name: 'leadpact_stage', type: 'enumeration', hubspotDefined: false });
    const { id } = await client.crm.contacts.basicApi.create({
      properties: { email: 'p@example.com', leadpact_stage: 'mql' },
      associations: [],
    });
    const bad = await failureOf(client.crm.contacts.basicApi.update(id, { properties: { leadpact_stage: 'won' } }));
    expect(bad.body).toMatchObject({ errors: [{ code: 'INVALID_OPTION' }] });
  });

  it('validates definitions: duplicate name 409, unknown group, type/fieldType mismatch, enumeration without options', async () => {
    const client = sdk(sim());
    const base = { label: 'X', groupName: 'contactinformation' };
    await client.crm.properties.coreApi.create('contacts', {
      ...base,
      name: 'leadpact_outcome',
      type: 'string' as never,
      fieldType: 'text' as never,
    });
    expect(
      (
        await failureOf(
          client.crm.properties.coreApi.create('contacts', {
            ...base,
            name: 'leadpact_outcome',
            type: 'string' as never,
            fieldType: 'text' as never,
          }),
        )
      ).code,
    ).toBe(409);
    const problems = await Promise.all([
      failureOf(
        client.crm.properties.coreApi.create('contacts', {
          ...base,
          name: 'a_b',
          type: 'string' as never,
          fieldType: 'text' as never,
          groupName: 'missing',
        }),
      ),
      failureOf(
        client.crm.properties.coreApi.create('contacts', {
          ...base,
          name: 'a_c',
          type: 'number' as never,
          fieldType: 'select' as never,
        }),
      ),
      failureOf(
        client.crm.properties.coreApi.create('contacts', {
          ...base,
          name: 'a_d',
          type: 'enumeration' as never,
          fieldType: 'select' as never,
        }),
      ),
      failureOf(
        client.crm.properties.coreApi.create('contacts', {
          ...base,
          name: 'Bad Name',
          type: 'string' as never,
          fieldType: 'text' as never,
        }),
      ),
    ]);
    expect(problems.map((p) => p.code)).toEqual([400, 400, 400, 400]);
  });

  it('reads and updates a property; HubSpot-defined ones keep their definition', async () => {
    const client = sdk(sim());
    await client.crm.properties.coreApi.create('contacts', {
      name: 'leadpact_time_to_accept_min',
      label: 'TTA',
      type: 'number' as never,
      fieldType: 'number' as never,
      groupName: 'contactinformation',
    });
    const updated = await client.crm.properties.coreApi.update('contacts', 'leadpact_time_to_accept_min', {
      label: 'Time to accept (min)',
    });
    expect(updated.label).toBe('Time to accept (min)');
    expect((await client.crm.properties.coreApi.getByName('contacts', 'leadpact_time_to_accept_min')).label).toBe(
      'Time to accept (min)',
    );
    expect((await failureOf(client.crm.properties.coreApi.update('contacts', 'email', { label: 'Mail' }))).code).toBe(
      400,
    );
    const all = await client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.map((p) => p.name)).toEqual(
      expect.arrayContaining(['email', 'lifecyclestage', 'hs_lead_status', 'hubspotscore', 'num_conversion_events']),
    );
  });

  it('validates values by type: numbers, booleans, dates at midnight, datetimes', async () => {
    const client = sdk(sim());
    const make = (name: string, type: string, fieldType: string) =>
      client.crm.properties.coreApi.create('contacts', {
        name,
        label: name,
        type: type as never,
        fieldType: fieldType as never,
        groupName: 'contactinformation',
      });
    await Promise.all([
      make('n_score', 'number', 'number'),
      make('b_flag', 'bool', 'booleancheckbox'),
      make('d_day', 'date', 'date'),
      make('t_at', 'datetime', 'date'),
    ]);
    const bad = await failureOf(
      client.crm.contacts.basicApi.create({
        properties: {
          email: 'v@example.com',
          n_score: 'ten',
          b_flag: 'maybe',
          d_day: String(Date.parse('2024-05-01T10:00:00Z')),
          t_at: 'yesterday',
        },
        associations: [],
      }),
    );
    expect((bad.body['errors'] as { code: string }[]).map((e) => e.code).sort()).toEqual([
      'INVALID_BOOLEAN',
      'INVALID_DATE',
      'INVALID_DATETIME',
      'INVALID_LONG',
    ]);
    const good = await client.crm.contacts.basicApi.create({
      properties: {
        email: 'v@example.com',
        n_score: '10.5',
        b_flag: 'TRUE',
        d_day: String(Date.parse('2024-05-01T00:00:00Z')),
        t_at: '1714557600000',
      },
      associations: [],
    });
    expect(good.properties).toMatchObject({
      n_score: '10.5',
      b_flag: 'true',
      d_day: '2024-05-01',
      t_at: '2024-05-01T10:00:00.000Z',
    });
  });

  it('lists owners on the trailing-slash path, filtered by email', async () => {
    sim().seed({
      owners: [{ email: 'rep@example.com', firstName: 'Rita', lastName: 'Rep' }, { email: 'boss@example.com' }],
    });
    const page = await sdk(sim()).crm.owners.ownersApi.getPage('rep@example.com');
    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({
      email: 'rep@example.com',
      firstName: 'Rita',
      type: 'PERSON',
      archived: false,
    });
    expect(sim().calls().byRoute['GET /crm/v3/owners/']).toBe(1);
    const owner = await sdk(sim()).crm.owners.ownersApi.getById(Number(page.results[0]?.id));
    expect(owner.email).toBe('rep@example.com');
  });
});
