import {
  accessTokenInfo,
  accountDetails,
  apiUsage,
  associationDefinition,
  batchOf,
  collectionOf,
  objectSchema,
  owner,
  privateAppTokenInfo,
  subscription,
  webhookSettings,
} from './answers';
import { operation, type ConformanceApi, type Operation } from './conformance-client';
import { CUSTOM_SCHEMA, customObject } from './objects.operations';

const SCHEMAS = '/crm-object-schemas/v3/schemas';
const WEBHOOKS = '/webhooks/v3/{appId}';

function webhooks(api: ConformanceApi): string {
  return `/webhooks/v3/${api.sim.credentials.appId}`;
}

async function settings(api: ConformanceApi): Promise<void> {
  await api.must('PUT', `${webhooks(api)}/settings`, {
    auth: 'developer',
    body: { targetUrl: 'https://leadpact.example/webhooks/hubspot', throttling: { maxConcurrentRequests: 10 } },
  });
}

async function subscribed(api: ConformanceApi): Promise<string> {
  const created = await api.must('POST', `${webhooks(api)}/subscriptions`, {
    auth: 'developer',
    body: { eventType: 'contact.propertyChange', propertyName: 'email', active: false },
  });
  return String(created['id']);
}

function ownerId(api: ConformanceApi): string {
  const [id] = api.sim.seed({ owners: [{ email: 'owner@example.com' }] }).owners;
  if (id === undefined) throw new Error('the simulator seeded no owner');
  return id;
}

export const portalOperations: readonly Operation[] = [
  operation(
    'GET',
    SCHEMAS,
    { 200: collectionOf(objectSchema) },
    async (api) => {
      await customObject(api);
      return api.call('GET', SCHEMAS);
    },
    true,
  ),
  operation('POST', SCHEMAS, { 201: objectSchema }, (api) => api.call('POST', SCHEMAS, { body: CUSTOM_SCHEMA }), true),
  operation('GET', `${SCHEMAS}/{objectType}`, { 200: objectSchema }, async (api) =>
    api.call('GET', `${SCHEMAS}/${await customObject(api)}`),
  ),
  operation(
    'PATCH',
    `${SCHEMAS}/{objectType}`,
    { 200: objectSchema },
    async (api) =>
      api.call('PATCH', `${SCHEMAS}/${await customObject(api)}`, { body: { searchableProperties: ['campaign_key'] } }),
    true,
  ),
  operation('DELETE', `${SCHEMAS}/{objectType}`, { 204: null }, async (api) =>
    api.call('DELETE', `${SCHEMAS}/${await customObject(api)}`),
  ),
  operation('POST', `${SCHEMAS}/{objectType}/associations`, { 201: associationDefinition }, async (api) => {
    const type = await customObject(api);
    return api.call('POST', `${SCHEMAS}/${type}/associations`, {
      body: { fromObjectTypeId: type, toObjectTypeId: '0-2', name: 'campaign_metric_to_company' },
    });
  }),
  operation('DELETE', `${SCHEMAS}/{objectType}/associations/{associationIdentifier}`, { 204: null }, async (api) => {
    const type = await customObject(api);
    const created = await api.must('POST', `${SCHEMAS}/${type}/associations`, {
      body: { fromObjectTypeId: type, toObjectTypeId: '0-3' },
    });
    return api.call('DELETE', `${SCHEMAS}/${type}/associations/${String(created['id'])}`);
  }),
  operation('GET', '/crm/v3/owners', { 200: collectionOf(owner) }, (api) => {
    ownerId(api);
    return api.call('GET', '/crm/v3/owners', { query: { email: 'owner@example.com' } });
  }),
  operation('GET', '/crm/v3/owners/{ownerId}', { 200: owner }, (api) =>
    api.call('GET', `/crm/v3/owners/${ownerId(api)}`),
  ),
  operation(
    'GET',
    '/account-info/v3/details',
    { 200: accountDetails },
    (api) => api.call('GET', '/account-info/v3/details'),
    true,
  ),
  operation(
    'GET',
    '/account-info/v3/api-usage/daily/private-apps',
    { 200: apiUsage },
    (api) => api.call('GET', '/account-info/v3/api-usage/daily/private-apps'),
    true,
  ),
  operation(
    'POST',
    '/oauth/v2/private-apps/get/access-token-info',
    { 200: privateAppTokenInfo },
    (api) =>
      api.call('POST', '/oauth/v2/private-apps/get/access-token-info', {
        body: { tokenKey: api.sim.credentials.accessToken },
      }),
    true,
  ),
  operation('GET', '/oauth/v1/access-tokens/{token}', { 200: accessTokenInfo }, (api) =>
    api.call('GET', `/oauth/v1/access-tokens/${api.sim.credentials.accessToken}`, { auth: 'none' }),
  ),
  operation(
    'GET',
    `${WEBHOOKS}/settings`,
    { 200: webhookSettings },
    async (api) => {
      await settings(api);
      return api.call('GET', `${webhooks(api)}/settings`, { auth: 'developer' });
    },
    true,
  ),
  operation(
    'PUT',
    `${WEBHOOKS}/settings`,
    { 200: webhookSettings },
    (api) =>
      api.call('PUT', `${webhooks(api)}/settings`, {
        auth: 'developer',
        body: { targetUrl: 'https://leadpact.example/webhooks/hubspot', throttling: { maxConcurrentRequests: 10 } },
      }),
    true,
  ),
  operation('DELETE', `${WEBHOOKS}/settings`, { 204: null }, async (api) => {
    await settings(api);
    return api.call('DELETE', `${webhooks(api)}/settings`, { auth: 'developer' });
  }),
  operation(
    'GET',
    `${WEBHOOKS}/subscriptions`,
    { 200: collectionOf(subscription) },
    async (api) => {
      await subscribed(api);
      return api.call('GET', `${webhooks(api)}/subscriptions`, { auth: 'developer' });
    },
    true,
  ),
  operation(
    'POST',
    `${WEBHOOKS}/subscriptions`,
    { 201: subscription },
    (api) =>
      api.call('POST', `${webhooks(api)}/subscriptions`, {
        auth: 'developer',
        body: { eventType: 'contact.creation', active: true },
      }),
    true,
  ),
  operation('POST', `${WEBHOOKS}/subscriptions/batch/update`, { 200: batchOf(subscription) }, async (api) => {
    const id = await subscribed(api);
    return api.call('POST', `${webhooks(api)}/subscriptions/batch/update`, {
      auth: 'developer',
      body: { inputs: [{ id: Number(id), active: true }] },
    });
  }),
  operation('GET', `${WEBHOOKS}/subscriptions/{subscriptionId}`, { 200: subscription }, async (api) =>
    api.call('GET', `${webhooks(api)}/subscriptions/${await subscribed(api)}`, { auth: 'developer' }),
  ),
  operation(
    'PATCH',
    `${WEBHOOKS}/subscriptions/{subscriptionId}`,
    { 200: subscription },
    async (api) =>
      api.call('PATCH', `${webhooks(api)}/subscriptions/${await subscribed(api)}`, {
        auth: 'developer',
        body: { active: true },
      }),
    true,
  ),
  operation('DELETE', `${WEBHOOKS}/subscriptions/{subscriptionId}`, { 204: null }, async (api) =>
    api.call('DELETE', `${webhooks(api)}/subscriptions/${await subscribed(api)}`, { auth: 'developer' }),
  ),
];
