import {
  batchOf,
  batchWithErrorsOf,
  collectionOf,
  associatedTo,
  searchPage,
  simplePublicObject,
  upsertedObject,
} from './answers';
import { operation, type ConformanceApi, type Operation } from './conformance-client';

const OBJECTS = '/crm/v3/objects';

/** A contact associated with a company, so reads can ask for the association. */
async function contactAtCompany(api: ConformanceApi): Promise<{ contact: string; company: string }> {
  const contact = api.contact('ada@example.com');
  const company = api.company('Analytical');
  await api.must('PUT', `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`);
  return { contact, company };
}

/** A custom object keyed by a unique property, as leadpact's campaign metrics object is. */
export const CUSTOM_SCHEMA = {
  name: 'campaign_metric',
  labels: { singular: 'Campaign metric', plural: 'Campaign metrics' },
  requiredProperties: ['campaign_key'],
  primaryDisplayProperty: 'campaign_key',
  properties: [
    { name: 'campaign_key', label: 'Campaign', type: 'string', fieldType: 'text', hasUniqueValue: true },
    { name: 'mqls', label: 'MQLs', type: 'number', fieldType: 'number' },
  ],
  associatedObjects: ['CONTACT'],
};

export async function customObject(api: ConformanceApi): Promise<string> {
  const schema = await api.must('POST', '/crm-object-schemas/v3/schemas', { body: CUSTOM_SCHEMA });
  return String(schema['objectTypeId']);
}

export const objectOperations: readonly Operation[] = [
  operation('GET', `${OBJECTS}/{objectType}`, { 200: collectionOf(associatedTo('companies')) }, async (api) => {
    await contactAtCompany(api);
    return api.call('GET', `${OBJECTS}/0-1`, { query: { associations: 'companies', properties: 'email' } });
  }),
  operation('POST', `${OBJECTS}/{objectType}`, { 201: simplePublicObject }, (api) =>
    api.call('POST', `${OBJECTS}/contacts`, { body: { properties: { email: 'new@example.com' } } }),
  ),
  operation('GET', `${OBJECTS}/{objectType}/{objectId}`, { 200: associatedTo('companies') }, async (api) => {
    const { contact } = await contactAtCompany(api);
    return api.call('GET', `${OBJECTS}/contacts/${contact}`, {
      query: { associations: 'companies', propertiesWithHistory: 'email' },
    });
  }),
  operation('PATCH', `${OBJECTS}/{objectType}/{objectId}`, { 200: simplePublicObject }, (api) =>
    api.call('PATCH', `${OBJECTS}/0-1/${api.contact('ada@example.com')}`, {
      body: { properties: { jobtitle: 'CTO' } },
    }),
  ),
  operation('DELETE', `${OBJECTS}/{objectType}/{objectId}`, { 204: null }, (api) =>
    api.call('DELETE', `${OBJECTS}/contacts/${api.contact('ada@example.com')}`),
  ),
  operation(
    'POST',
    `${OBJECTS}/contacts/batch/read`,
    { 200: batchOf(simplePublicObject), 207: batchWithErrorsOf(simplePublicObject) },
    (api) =>
      api.call('POST', `${OBJECTS}/contacts/batch/read`, {
        body: { inputs: [{ id: api.contact('ada@example.com') }, { id: '999999' }], properties: ['email'] },
      }),
    true,
  ),
  operation(
    'POST',
    `${OBJECTS}/contacts/batch/update`,
    { 200: batchOf(simplePublicObject), 207: batchWithErrorsOf(simplePublicObject) },
    (api) =>
      api.call('POST', `${OBJECTS}/contacts/batch/update`, {
        body: {
          inputs: [
            { id: api.contact('ada@example.com'), properties: { jobtitle: 'CTO' }, objectWriteTraceId: '0' },
            { id: '999999', properties: { jobtitle: 'CTO' }, objectWriteTraceId: '1' },
          ],
        },
      }),
    true,
  ),
  operation(
    'POST',
    `${OBJECTS}/contacts/batch/upsert`,
    { 200: batchOf(upsertedObject), 207: batchWithErrorsOf(upsertedObject) },
    (api) => {
      api.contact('ada@example.com');
      return api.call('POST', `${OBJECTS}/contacts/batch/upsert`, {
        body: {
          inputs: [
            { id: 'ada@example.com', idProperty: 'email', properties: { jobtitle: 'CTO' }, objectWriteTraceId: '0' },
            { id: 'new@example.com', idProperty: 'email', properties: { firstname: 'Grace' }, objectWriteTraceId: '1' },
          ],
        },
      });
    },
    true,
  ),
  operation(
    'POST',
    `${OBJECTS}/{objectType}/batch/upsert`,
    { 200: batchOf(upsertedObject), 207: batchWithErrorsOf(upsertedObject) },
    async (api) => {
      const type = await customObject(api);
      return api.call('POST', `${OBJECTS}/${type}/batch/upsert`, {
        body: { inputs: [{ id: 'spring', idProperty: 'campaign_key', properties: { mqls: '4' } }] },
      });
    },
    true,
  ),
  operation(
    'POST',
    `${OBJECTS}/{objectType}/batch/create`,
    { 201: batchOf(simplePublicObject), 207: batchWithErrorsOf(simplePublicObject) },
    (api) =>
      api.call('POST', `${OBJECTS}/0-2/batch/create`, {
        body: { inputs: [{ properties: { name: 'Analytical' }, associations: [] }] },
      }),
  ),
  operation(
    'POST',
    `${OBJECTS}/{objectType}/batch/read`,
    { 200: batchOf(simplePublicObject), 207: batchWithErrorsOf(simplePublicObject) },
    (api) =>
      api.call('POST', `${OBJECTS}/companies/batch/read`, {
        body: { inputs: [{ id: api.company('Analytical') }], properties: ['name'], propertiesWithHistory: ['name'] },
      }),
  ),
  operation(
    'POST',
    `${OBJECTS}/{objectType}/batch/update`,
    { 200: batchOf(simplePublicObject), 207: batchWithErrorsOf(simplePublicObject) },
    (api) =>
      api.call('POST', `${OBJECTS}/companies/batch/update`, {
        body: { inputs: [{ id: api.company('Analytical'), properties: { industry: 'COMPUTER_SOFTWARE' } }] },
      }),
  ),
  operation('POST', `${OBJECTS}/{objectType}/batch/archive`, { 204: null }, (api) =>
    api.call('POST', `${OBJECTS}/companies/batch/archive`, { body: { inputs: [{ id: api.company('Analytical') }] } }),
  ),
  operation(
    'POST',
    `${OBJECTS}/contacts/search`,
    { 200: searchPage },
    (api) => {
      api.contact('ada@example.com');
      return api.call('POST', `${OBJECTS}/contacts/search`, {
        body: {
          filterGroups: [{ filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] }],
          sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
          properties: ['email'],
          limit: 1,
          after: '0',
        },
      });
    },
    true,
  ),
  operation('POST', `${OBJECTS}/{objectType}/search`, { 200: searchPage }, (api) => {
    api.company('Analytical');
    return api.call('POST', `${OBJECTS}/companies/search`, { body: { query: 'Analytical', limit: 10 } });
  }),
  operation('POST', `${OBJECTS}/contacts/merge`, { 200: simplePublicObject }, (api) =>
    api.call('POST', `${OBJECTS}/contacts/merge`, {
      body: { primaryObjectId: api.contact('ada@example.com'), objectIdToMerge: api.contact('ada2@example.com') },
    }),
  ),
  operation('POST', `${OBJECTS}/contacts/gdpr-delete`, { 204: null }, (api) => {
    api.contact('ada@example.com');
    return api.call('POST', `${OBJECTS}/contacts/gdpr-delete`, {
      body: { objectId: 'ada@example.com', idProperty: 'email' },
    });
  }),
];
