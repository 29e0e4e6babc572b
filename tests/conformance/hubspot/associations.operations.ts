import {
  associatedObject,
  associationsOfObject,
  batchOf,
  batchWithErrorsOf,
  collectionOf,
  defaultAssociation,
  labelList,
  labelsBetween,
} from './answers';
import { operation, type ConformanceApi, type Operation } from './conformance-client';

const RECORDS = '/crm/v4/objects';
const PAIRS = '/crm/v4/associations';

async function linked(api: ConformanceApi): Promise<{ contact: string; company: string }> {
  const contact = api.contact('ada@example.com');
  const company = api.company('Analytical');
  await api.must('PUT', `${RECORDS}/contacts/${contact}/associations/default/companies/${company}`);
  return { contact, company };
}

/** A custom label between contacts and companies; answers its type id. */
async function label(api: ConformanceApi): Promise<number> {
  const created = await api.must('POST', `${PAIRS}/contacts/companies/labels`, {
    body: { label: 'Decision maker', name: 'decision_maker' },
  });
  const results = created['results'] as { typeId: number }[];
  const typeId = results[0]?.typeId;
  if (typeId === undefined) throw new Error('creating a label answered no type id');
  return typeId;
}

export const associationOperations: readonly Operation[] = [
  operation(
    'PUT',
    `${RECORDS}/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}`,
    { 200: batchOf(defaultAssociation) },
    (api) =>
      api.call(
        'PUT',
        `${RECORDS}/0-1/${api.contact('ada@example.com')}/associations/default/0-2/${api.company('Analytical')}`,
      ),
  ),
  operation(
    'PUT',
    `${RECORDS}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
    { 201: labelsBetween },
    (api) =>
      api.call(
        'PUT',
        `${RECORDS}/contacts/${api.contact('ada@example.com')}/associations/companies/${api.company('A')}`,
        {
          body: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
        },
      ),
  ),
  operation(
    'DELETE',
    `${RECORDS}/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}`,
    { 204: null },
    async (api) => {
      const { contact, company } = await linked(api);
      return api.call('DELETE', `${RECORDS}/contacts/${contact}/associations/companies/${company}`);
    },
  ),
  operation(
    'GET',
    `${RECORDS}/{objectType}/{objectId}/associations/{toObjectType}`,
    { 200: collectionOf(associatedObject) },
    async (api) => {
      const { contact } = await linked(api);
      return api.call('GET', `${RECORDS}/contacts/${contact}/associations/companies`);
    },
  ),
  operation(
    'POST',
    `${PAIRS}/{fromObjectType}/{toObjectType}/batch/read`,
    { 200: batchOf(associationsOfObject), 207: batchWithErrorsOf(associationsOfObject) },
    async (api) => {
      const { contact } = await linked(api);
      return api.call('POST', `${PAIRS}/contacts/companies/batch/read`, { body: { inputs: [{ id: contact }] } });
    },
  ),
  operation(
    'POST',
    `${PAIRS}/{fromObjectType}/{toObjectType}/batch/create`,
    { 201: batchOf(labelsBetween), 207: batchWithErrorsOf(labelsBetween) },
    async (api) => {
      const typeId = await label(api);
      return api.call('POST', `${PAIRS}/contacts/companies/batch/create`, {
        body: {
          inputs: [
            {
              from: { id: api.contact('ada@example.com') },
              to: { id: api.company('Analytical') },
              types: [{ associationCategory: 'USER_DEFINED', associationTypeId: typeId }],
            },
          ],
        },
      });
    },
  ),
  operation('POST', `${PAIRS}/{fromObjectType}/{toObjectType}/batch/archive`, { 204: null }, async (api) => {
    const { contact, company } = await linked(api);
    return api.call('POST', `${PAIRS}/contacts/companies/batch/archive`, {
      body: { inputs: [{ from: { id: contact }, to: [{ id: company }] }] },
    });
  }),
  operation(
    'POST',
    `${PAIRS}/{fromObjectType}/{toObjectType}/batch/associate/default`,
    { 200: batchOf(defaultAssociation) },
    (api) =>
      api.call('POST', `${PAIRS}/contacts/companies/batch/associate/default`, {
        body: { inputs: [{ from: { id: api.contact('ada@example.com') }, to: { id: api.company('Analytical') } }] },
      }),
  ),
  operation('POST', `${PAIRS}/{fromObjectType}/{toObjectType}/batch/labels/archive`, { 204: null }, async (api) => {
    const { contact, company } = await linked(api);
    return api.call('POST', `${PAIRS}/contacts/companies/batch/labels/archive`, {
      body: {
        inputs: [
          {
            from: { id: contact },
            to: { id: company },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
          },
        ],
      },
    });
  }),
  operation('GET', `${PAIRS}/{fromObjectType}/{toObjectType}/labels`, { 200: labelList }, (api) =>
    api.call('GET', `${PAIRS}/contacts/companies/labels`),
  ),
  operation('POST', `${PAIRS}/{fromObjectType}/{toObjectType}/labels`, { 200: labelList }, (api) =>
    api.call('POST', `${PAIRS}/0-1/0-2/labels`, { body: { label: 'Billing contact', name: 'billing_contact' } }),
  ),
  operation('PUT', `${PAIRS}/{fromObjectType}/{toObjectType}/labels`, { 204: null }, async (api) => {
    const typeId = await label(api);
    return api.call('PUT', `${PAIRS}/contacts/companies/labels`, {
      body: { associationTypeId: typeId, label: 'Economic buyer' },
    });
  }),
  operation(
    'DELETE',
    `${PAIRS}/{fromObjectType}/{toObjectType}/labels/{associationTypeId}`,
    { 204: null },
    async (api) => {
      const typeId = await label(api);
      return api.call('DELETE', `${PAIRS}/contacts/companies/labels/${typeId}`);
    },
  ),
];
