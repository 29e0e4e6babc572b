import { z } from 'zod';
import { activitySchema, type CrmUserActions } from './crm-user';
import { faultSettingsSchema } from './faults';
import { validationError } from './hubspot-errors';
import { ownerSeedSchema } from './owners';
import { parseBody } from './route-helpers';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';
import type { SimulatorCore } from './simulator-core';

const recordSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const seedSchema = z.object({
  contacts: z.array(recordSchema).optional(),
  companies: z.array(recordSchema).optional(),
  deals: z.array(recordSchema).optional(),
  owners: z.array(ownerSeedSchema).optional(),
});
const targetSchema = z.object({ url: z.url(), maxConcurrentRequests: z.number().int().min(1).optional() });
const subscribeSchema = z.object({ eventType: z.string(), propertyName: z.string().optional() });
const propertiesBody = z.object({ properties: recordSchema });
const mergeBody = z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string() });
const settingsSchema = z.object({ searchLagMs: z.number().min(0).optional() });
const scopesSchema = z.object({ scopes: z.array(z.string()) });

/** Runs a control action; a refused action answers 400 with the reason, like the API would. */
function guarded(action: () => SimResponse | Promise<SimResponse>): Promise<SimResponse> {
  return Promise.resolve()
    .then(action)
    .catch((error: unknown) => validationError(error instanceof Error ? error.message : String(error)));
}

function withBody<T>(schema: z.ZodType<T>, run: (body: T, request: SimRequest) => SimResponse | Promise<SimResponse>) {
  return (request: SimRequest): Promise<SimResponse> =>
    guarded(() => {
      const body = parseBody(schema, request.body ?? {});
      return body.ok ? run(body.value, request) : body.error;
    });
}

/** The simulator's control surface over HTTP (`/__sim/...`, JSON), for another process to drive it. */
export function controlRoutes(core: SimulatorCore, user: CrmUserActions): Route[] {
  const route = (method: string, pattern: string, handler: Route['handler']): Route => ({
    method,
    pattern,
    kind: 'control',
    handler,
  });
  const id = (request: SimRequest): string => request.params['id'] ?? '';
  return [
    route('GET', '/__sim/credentials', () => json(200, { ...core.options.credentials, scopes: core.grant.scopes() })),
    route(
      'PUT',
      '/__sim/scopes',
      withBody(scopesSchema, (body) => (core.grant.set(body.scopes), json(200, { scopes: core.grant.scopes() }))),
    ),
    route('GET', '/__sim/calls', () => json(200, core.calls())),
    route('POST', '/__sim/reset', () => (core.reset(), json(204))),
    route(
      'POST',
      '/__sim/seed',
      withBody(seedSchema, (body) => json(200, core.seed(body))),
    ),
    route(
      'POST',
      '/__sim/faults',
      withBody(faultSettingsSchema, (body) => (core.faults.set(body), json(204))),
    ),
    route('DELETE', '/__sim/faults', () => (core.faults.clear(), json(204))),
    route(
      'PUT',
      '/__sim/settings',
      withBody(settingsSchema, (body) => {
        if (body.searchLagMs !== undefined) core.ctx.settings.searchLagMs = body.searchLagMs;
        return json(200, { ...core.ctx.settings });
      }),
    ),
    route('GET', '/__sim/contacts', () => json(200, { results: core.records('contacts') })),
    route('GET', '/__sim/objects/:objectType', (request) =>
      json(200, { results: core.recordsOf(request.params['objectType'] ?? '') }),
    ),
    route(
      'POST',
      '/__sim/webhooks/target',
      withBody(targetSchema, (body) => (core.setWebhookTarget(body.url, body.maxConcurrentRequests), json(204))),
    ),
    route(
      'POST',
      '/__sim/webhooks/subscriptions',
      withBody(subscribeSchema, (body) => (core.subscribe(body.eventType, body.propertyName), json(204))),
    ),
    route('POST', '/__sim/webhooks/flush', async () => (await core.delivery.flush(), json(204))),
    route(
      'POST',
      '/__sim/user/contacts',
      withBody(propertiesBody, (body) => json(201, user.createContact(body.properties))),
    ),
    route(
      'POST',
      '/__sim/user/contacts/merge',
      withBody(mergeBody, (body) => json(200, user.mergeContacts(body.primaryObjectId, body.objectIdToMerge))),
    ),
    route(
      'PATCH',
      '/__sim/user/contacts/:id',
      withBody(propertiesBody, (body, request) => json(200, user.updateContact(id(request), body.properties))),
    ),
    route('DELETE', '/__sim/user/contacts/:id', (request) => json(user.archiveContact(id(request)) ? 204 : 404)),
    route(
      'POST',
      '/__sim/user/contacts/:id/activity',
      withBody(activitySchema, (body, request) => json(200, user.recordActivity(id(request), body))),
    ),
  ];
}
