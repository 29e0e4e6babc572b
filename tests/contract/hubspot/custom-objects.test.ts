import type { Client } from '@hubspot/api-client';
import { ObjectTypePropertyCreateTypeEnum, type ObjectSchemaEgg } from '@hubspot/api-client/lib/codegen/crm/schemas';
import { EVERY_SIMULATED_SCOPE } from '../../../connectors/hubspot/simulator';
import { failureOf, sdk, useSimulator } from './hubspot-fixtures';

// These tests cover the simulator's routes beyond what leadpact calls (companies, owners, custom
// object reads), so the app is granted every scope; scopes.test.ts covers refusals.
const sim = useSimulator({ scopes: EVERY_SIMULATED_SCOPE });

const text = (name: string, extra: { hasUniqueValue?: boolean } = {}) => ({
  name,
  label: name,
  type: ObjectTypePropertyCreateTypeEnum.String,
  fieldType: 'text',
  ...extra,
});
const number = (name: string) => ({
  name,
  label: name,
  type: ObjectTypePropertyCreateTypeEnum.Number,
  fieldType: 'number',
});

/** A custom object much like leadpact's campaign metrics: a unique key, a name, a number. */
function egg(overrides: Partial<ObjectSchemaEgg> = {}): ObjectSchemaEgg {
  return {
    name: 'campaign_metrics',
    labels: { singular: 'Campaign metrics', plural: 'Campaign metrics' },
    primaryDisplayProperty: 'metric_name',
    secondaryDisplayProperties: ['mqls'],
    searchableProperties: ['metric_name'],
    requiredProperties: ['metric_key', 'metric_name'],
    properties: [text('metric_key', { hasUniqueValue: true }), text('metric_name'), number('mqls')],
    associatedObjects: [],
    ...overrides,
  };
}

async function createSchema(client: Client, overrides: Partial<ObjectSchemaEgg> = {}): Promise<string> {
  const schema = await client.crm.schemas.coreApi.create(egg(overrides));
  return schema.objectTypeId ?? '';
}

describe('HubSpot simulator: custom object schemas through @hubspot/api-client', () => {
  it('creates a schema (201) with its objectTypeId, fullyQualifiedName, own property group and HubSpot’s system properties', async () => {
    const client = sdk(sim());
    const schema = await client.crm.schemas.coreApi.create(egg({ associatedObjects: ['CONTACT'] }));
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    expect(schema.id).toBe(schema.objectTypeId?.slice(2));
    expect(schema.fullyQualifiedName).toBe(`p${sim().credentials.portalId}_campaign_metrics`);
    expect(schema).toMatchObject({
      primaryDisplayProperty: 'metric_name',
      requiredProperties: ['metric_key', 'metric_name'],
      searchableProperties: ['metric_name'],
    });
    expect(schema.associations).toEqual([
      expect.objectContaining({ fromObjectTypeId: schema.objectTypeId, toObjectTypeId: '0-1' }),
    ]);
    const byName = new Map(schema.properties.map((p) => [p.name, p]));
    expect(byName.get('metric_key')).toMatchObject({
      hasUniqueValue: true,
      groupName: 'campaign_metrics_information',
      type: 'string',
    });
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate']),
    );
  });

  it('lists schemas and reads one by objectTypeId or fullyQualifiedName, on the SDK’s path and the guide’s', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    expect((await client.crm.schemas.coreApi.getAll()).results.map((s) => s.objectTypeId)).toEqual([objectTypeId]);
    expect(
      (await client.crm.schemas.coreApi.getById(`p${sim().credentials.portalId}_campaign_metrics`)).objectTypeId,
    ).toBe(objectTypeId);
    const legacy = await client.apiRequest({ method: 'GET', path: `/crm/v3/schemas/${objectTypeId}` });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as { name: string }).name).toBe('campaign_metrics');
    expect((await failureOf(client.crm.schemas.coreApi.getById('2-1'))).code).toBe(404);
  });

  it.each([
    ['a name that does not start with a letter', { name: '1metrics' }],
    ['a required property the object does not have', { requiredProperties: ['metric_key', 'nope'] }],
    ['a primary display property the object does not have', { primaryDisplayProperty: 'nope' }],
    ['a searchable property the object does not have', { searchableProperties: ['nope'] }],
    ['a property defined twice', { properties: [text('metric_key'), text('metric_key'), text('metric_name')] }],
    [
      'eleven unique properties',
      {
        properties: [
          text('metric_name'),
          ...Array.from({ length: 11 }, (_, i) => text(i === 0 ? 'metric_key' : `key_${i}`, { hasUniqueValue: true })),
        ],
      },
    ],
    ['an association with an unknown object', { associatedObjects: ['SPACESHIP'] }],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_what, overrides) => {
    const failure = await failureOf(sdk(sim()).crm.schemas.coreApi.create(egg(overrides)));
    expect(failure.code).toBe(400);
    expect(failure.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect((await sdk(sim()).crm.schemas.coreApi.getAll()).results).toEqual([]);
  });

  it('refuses a second object with the same name: 409', async () => {
    await createSchema(sdk(sim()));
    expect((await failureOf(sdk(sim()).crm.schemas.coreApi.create(egg({ name: 'Campaign_Metrics' })))).code).toBe(409);
  });

  it('updates labels and display properties, and refuses ones the object does not have', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    await client.crm.schemas.coreApi.update(objectTypeId, {
      labels: { plural: 'Campaign scorecards' },
      secondaryDisplayProperties: ['metric_key'],
    });
    expect(await client.crm.schemas.coreApi.getById(objectTypeId)).toMatchObject({
      labels: { singular: 'Campaign metrics', plural: 'Campaign scorecards' },
      secondaryDisplayProperties: ['metric_key'],
    });
    expect(
      (await failureOf(client.crm.schemas.coreApi.update(objectTypeId, { requiredProperties: ['nope'] }))).code,
    ).toBe(400);
  });

  it('deletes an object type only once its records are gone, and keeps the name until the schema is purged', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    const record = await client.crm.objects.basicApi.create(objectTypeId, {
      properties: { metric_key: 'k', metric_name: 'n' },
      associations: [],
    });
    expect((await failureOf(client.crm.schemas.coreApi.archive(objectTypeId))).code).toBe(400);
    await client.crm.objects.basicApi.archive(objectTypeId, record.id);
    await client.crm.schemas.coreApi.archive(objectTypeId);
    expect((await client.crm.schemas.coreApi.getAll()).results).toEqual([]);
    expect((await failureOf(client.crm.schemas.coreApi.create(egg()))).code).toBe(409);
    await client.crm.schemas.coreApi.archive(objectTypeId, true);
    expect(await createSchema(client)).not.toBe(objectTypeId);
  });
});

describe('HubSpot simulator: custom object records through the generic objects API', () => {
  it('upserts a batch by the unique property: created once, then updated in place', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    const inputs = (mqls: string) =>
      ['a', 'b'].map((key, i) => ({
        id: `${key}|2026-04`,
        idProperty: 'metric_key',
        objectWriteTraceId: String(i),
        properties: { metric_name: `Campaign ${key}`, mqls },
      }));
    const first = await client.crm.objects.batchApi.upsert(objectTypeId, { inputs: inputs('3') });
    expect(first.results.map((r) => [r.properties['metric_key'], r._new])).toEqual([
      ['a|2026-04', true],
      ['b|2026-04', true],
    ]);
    const second = await client.crm.objects.batchApi.upsert(`p${sim().credentials.portalId}_campaign_metrics`, {
      inputs: inputs('5'),
    });
    expect(second.results.map((r) => [r.id, r._new])).toEqual(first.results.map((r) => [r.id, false]));
    const stored = sim().objects('campaign_metrics');
    expect(stored.map((r) => [r.properties['metric_key'], r.properties['mqls']])).toEqual([
      ['a|2026-04', '5'],
      ['b|2026-04', '5'],
    ]);
    expect(stored[0]?.properties).toEqual(
      expect.objectContaining({
        hs_object_id: stored[0]?.id,
        hs_createdate: expect.any(String),
        hs_lastmodifieddate: expect.any(String),
      }),
    );
  });

  it('reads by id and by the unique property, lists, and searches the searchable properties', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    const created = await client.crm.objects.batchApi.create(objectTypeId, {
      inputs: ['Spring webinar', 'Autumn expo'].map((name, i) => ({
        properties: { metric_key: `k${i}`, metric_name: name, mqls: String(i + 1) },
        associations: [],
      })),
    });
    const ids = created.results.map((r) => r.id);
    const read = await client.crm.objects.batchApi.read(objectTypeId, {
      inputs: [{ id: 'k1' }],
      idProperty: 'metric_key',
      properties: ['mqls'],
      propertiesWithHistory: [],
    });
    expect(read.results.map((r) => [r.id, r.properties['mqls']])).toEqual([[ids[1], '2']]);
    const page = await client.crm.objects.basicApi.getPage(objectTypeId, 10, undefined, ['metric_name']);
    expect(page.results.map((r) => r.properties['metric_name'])).toEqual(['Spring webinar', 'Autumn expo']);
    const found = await client.crm.objects.searchApi.doSearch(objectTypeId, {
      query: 'expo',
      filterGroups: [],
      sorts: [],
      properties: ['metric_key'],
      limit: 10,
      after: '0',
    });
    expect(found.results.map((r) => r.properties['metric_key'])).toEqual(['k1']);
  });

  it('refuses a record without its required properties: 400, or one error per traced input in a 207', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    const single = await failureOf(
      client.crm.objects.basicApi.create(objectTypeId, { properties: { metric_key: 'x' }, associations: [] }),
    );
    expect(single.code).toBe(400);
    expect(single.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      errors: [{ code: 'REQUIRED_PROPERTY', context: { propertyName: ['metric_name'] } }],
    });
    const batch = await client.crm.objects.batchApi.upsert(objectTypeId, {
      inputs: [
        { id: 'ok', idProperty: 'metric_key', objectWriteTraceId: '0', properties: { metric_name: 'Fine' } },
        { id: 'bad', idProperty: 'metric_key', objectWriteTraceId: '1', properties: { mqls: '1' } },
      ],
    });
    expect(batch.results.map((r) => r.properties['metric_key'])).toEqual(['ok']);
    expect('errors' in batch ? batch.errors.map((e) => e.context?.['objectWriteTraceId']) : []).toEqual([['1']]);
  });

  it('answers an unknown object type as HubSpot does, and keeps custom records out of contacts', async () => {
    const client = sdk(sim());
    const objectTypeId = await createSchema(client);
    await client.crm.objects.basicApi.create(objectTypeId, {
      properties: { metric_key: 'k', metric_name: 'n' },
      associations: [],
    });
    const failure = await failureOf(client.crm.objects.basicApi.getPage('p1_nothing'));
    expect(failure.code).toBe(400);
    expect(String(failure.body['message'])).toContain('Unable to infer object type from: p1_nothing');
    expect(sim().contacts()).toEqual([]);
  });
});
