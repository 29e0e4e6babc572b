import { batchOf, batchWithErrorsOf, collectionOf, property, propertyGroup } from './answers';
import { operation, type ConformanceApi, type Operation } from './conformance-client';

const PROPERTIES = '/crm/v3/properties';

/** The group and enumeration property leadpact provisions on contacts. */
async function leadpactProperty(api: ConformanceApi): Promise<void> {
  await api.must('POST', `${PROPERTIES}/contacts/groups`, {
    body: { name: 'leadpact', label: 'leadpact', displayOrder: -1 },
  });
  await api.must('POST', `${PROPERTIES}/contacts`, {
    body: {
      name: 'leadpact_stage',
      label: 'Lead stage',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'leadpact',
      description: 'Where the lead is in the protocol',
      options: [{ label: 'MQL', value: 'mql', displayOrder: 0, hidden: false }],
      hasUniqueValue: false,
    },
  });
}

const definition = (name: string) => ({
  name,
  label: name,
  type: 'string',
  fieldType: 'text',
  groupName: 'contactinformation',
});

export const propertyOperations: readonly Operation[] = [
  operation(
    'GET',
    `${PROPERTIES}/{objectType}`,
    { 200: collectionOf(property) },
    (api) => api.call('GET', `${PROPERTIES}/contacts`),
    true,
  ),
  operation(
    'POST',
    `${PROPERTIES}/{objectType}`,
    { 201: property },
    async (api) => {
      await api.must('POST', `${PROPERTIES}/contacts/groups`, { body: { name: 'leadpact', label: 'leadpact' } });
      return api.call('POST', `${PROPERTIES}/contacts`, {
        body: { ...definition('leadpact_outcome'), groupName: 'leadpact', description: '', options: [] },
      });
    },
    true,
  ),
  operation('GET', `${PROPERTIES}/{objectType}/{propertyName}`, { 200: property }, (api) =>
    api.call('GET', `${PROPERTIES}/0-1/email`),
  ),
  operation(
    'PATCH',
    `${PROPERTIES}/{objectType}/{propertyName}`,
    { 200: property },
    async (api) => {
      await leadpactProperty(api);
      return api.call('PATCH', `${PROPERTIES}/contacts/leadpact_stage`, { body: { label: 'Lead protocol stage' } });
    },
    true,
  ),
  operation('DELETE', `${PROPERTIES}/{objectType}/{propertyName}`, { 204: null }, async (api) => {
    await api.must('POST', `${PROPERTIES}/contacts`, { body: definition('leadpact_note') });
    return api.call('DELETE', `${PROPERTIES}/contacts/leadpact_note`);
  }),
  operation(
    'POST',
    `${PROPERTIES}/{objectType}/batch/read`,
    { 200: batchOf(property), 207: batchWithErrorsOf(property) },
    (api) =>
      api.call('POST', `${PROPERTIES}/contacts/batch/read`, {
        body: { archived: false, inputs: [{ name: 'email' }, { name: 'firstname' }] },
      }),
  ),
  operation(
    'POST',
    `${PROPERTIES}/{objectType}/batch/create`,
    { 201: batchOf(property), 207: batchWithErrorsOf(property) },
    (api) =>
      api.call('POST', `${PROPERTIES}/contacts/batch/create`, {
        body: { inputs: [definition('leadpact_a'), definition('leadpact_b')] },
      }),
  ),
  operation('POST', `${PROPERTIES}/{objectType}/batch/archive`, { 204: null }, async (api) => {
    await api.must('POST', `${PROPERTIES}/contacts`, { body: definition('leadpact_note') });
    return api.call('POST', `${PROPERTIES}/contacts/batch/archive`, { body: { inputs: [{ name: 'leadpact_note' }] } });
  }),
  operation(
    'GET',
    `${PROPERTIES}/{objectType}/groups`,
    { 200: collectionOf(propertyGroup) },
    (api) => api.call('GET', `${PROPERTIES}/contacts/groups`),
    true,
  ),
  operation(
    'POST',
    `${PROPERTIES}/{objectType}/groups`,
    { 201: propertyGroup },
    (api) =>
      api.call('POST', `${PROPERTIES}/contacts/groups`, {
        body: { name: 'leadpact', label: 'leadpact', displayOrder: -1 },
      }),
    true,
  ),
  operation('GET', `${PROPERTIES}/{objectType}/groups/{groupName}`, { 200: propertyGroup }, (api) =>
    api.call('GET', `${PROPERTIES}/0-1/groups/contactinformation`),
  ),
  operation(
    'PATCH',
    `${PROPERTIES}/{objectType}/groups/{groupName}`,
    { 200: propertyGroup },
    async (api) => {
      await api.must('POST', `${PROPERTIES}/contacts/groups`, {
        body: { name: 'leadpact', label: 'lp', displayOrder: 3 },
      });
      return api.call('PATCH', `${PROPERTIES}/contacts/groups/leadpact`, { body: { label: 'leadpact' } });
    },
    true,
  ),
  operation('DELETE', `${PROPERTIES}/{objectType}/groups/{groupName}`, { 204: null }, async (api) => {
    await api.must('POST', `${PROPERTIES}/contacts/groups`, { body: { name: 'leadpact', label: 'leadpact' } });
    return api.call('DELETE', `${PROPERTIES}/contacts/groups/leadpact`);
  }),
];
