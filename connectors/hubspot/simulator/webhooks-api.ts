import { z } from 'zod';
import { hubSpotError, notFound, validationError } from './hubspot-errors';
import { isStandardType } from './property-model';
import { parseBody } from './route-helpers';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';
import type { Subscription, WebhookRegistry, WebhookSettings } from './webhook-registry';

/** The legacy CRM subscription types the webhooks v3 API accepts for the objects simulated here. */
const OBJECTS = ['contact', 'company', 'deal'] as const;
const KINDS = ['creation', 'deletion', 'propertyChange', 'merge', 'restore', 'associationChange'] as const;
export const EVENT_TYPES: readonly string[] = [
  ...OBJECTS.flatMap((o) => KINDS.map((k) => `${o}.${k}`)),
  'contact.privacyDeletion',
];

const settingsSchema = z.object({
  targetUrl: z.url(),
  throttling: z.object({ maxConcurrentRequests: z.number().int().min(1) }).default({ maxConcurrentRequests: 10 }),
});
const createSchema = z.object({
  eventType: z.string(),
  propertyName: z.string().optional(),
  active: z.boolean().default(false),
});
const patchSchema = z.object({ active: z.boolean() });
const batchSchema = z.object({ inputs: z.array(z.object({ id: z.number().int(), active: z.boolean() })) });

function settingsJson(settings: WebhookSettings): Record<string, unknown> {
  return {
    targetUrl: settings.targetUrl,
    throttling: { maxConcurrentRequests: settings.maxConcurrentRequests },
    createdAt: new Date(settings.createdAt).toISOString(),
    updatedAt: new Date(settings.updatedAt).toISOString(),
  };
}

export function subscriptionJson(subscription: Subscription): Record<string, unknown> {
  return {
    id: String(subscription.id),
    eventType: subscription.eventType,
    ...(subscription.propertyName === null ? {} : { propertyName: subscription.propertyName }),
    active: subscription.active,
    createdAt: new Date(subscription.createdAt).toISOString(),
    updatedAt: new Date(subscription.updatedAt).toISOString(),
  };
}

/** A propertyChange subscription names an existing property of its object; other types name none. */
function subscriptionProblem(ctx: SimContext, eventType: string, propertyName: string | undefined): string | undefined {
  if (!EVENT_TYPES.includes(eventType)) return `Unsupported eventType: ${eventType}`;
  const [object = '', kind] = eventType.split('.');
  if (kind !== 'propertyChange')
    return propertyName === undefined ? undefined : `propertyName is only allowed for propertyChange subscriptions`;
  if (propertyName === undefined) return `propertyName is required for ${eventType}`;
  const type = { contact: 'contacts', company: 'companies', deal: 'deals' }[object] ?? '';
  return isStandardType(type) && ctx.registry.get(type, propertyName) !== undefined
    ? undefined
    : `Property ${propertyName} does not exist on ${object}`;
}

function settingsRoute(ctx: SimContext, webhooks: WebhookRegistry, request: SimRequest): SimResponse {
  if (request.method === 'DELETE') {
    webhooks.settings = null;
    return json(204);
  }
  if (request.method === 'GET')
    return webhooks.settings === null
      ? notFound('No webhook settings for this app')
      : json(200, settingsJson(webhooks.settings));
  const body = parseBody(settingsSchema, request.body);
  if (!body.ok) return body.error;
  return json(
    200,
    settingsJson(webhooks.setTarget(body.value.targetUrl, body.value.throttling.maxConcurrentRequests, ctx.clock())),
  );
}

function createSubscription(ctx: SimContext, webhooks: WebhookRegistry, request: SimRequest): SimResponse {
  const body = parseBody(createSchema, request.body);
  if (!body.ok) return body.error;
  const { eventType, propertyName, active } = body.value;
  const problem = subscriptionProblem(ctx, eventType, propertyName);
  if (problem !== undefined) return validationError(problem);
  if (webhooks.find(eventType, propertyName ?? null) !== undefined)
    return hubSpotError(
      409,
      'CONFLICT',
      `A subscription for ${eventType}${propertyName === undefined ? '' : ` on ${propertyName}`} already exists`,
    );
  return json(201, subscriptionJson(webhooks.add(eventType, propertyName ?? null, active, ctx.clock())));
}

function subscriptionRoute(ctx: SimContext, webhooks: WebhookRegistry, request: SimRequest): SimResponse {
  const id = Number(request.params['subscriptionId']);
  const found = webhooks.get(id);
  if (found === undefined) return notFound(`Subscription ${request.params['subscriptionId'] ?? ''} not found`);
  if (request.method === 'GET') return json(200, subscriptionJson(found));
  if (request.method === 'DELETE') {
    webhooks.remove(id);
    return json(204);
  }
  const body = parseBody(patchSchema, request.body);
  if (!body.ok) return body.error;
  const updated = webhooks.setActive(id, body.value.active, ctx.clock());
  return updated === undefined ? notFound() : json(200, subscriptionJson(updated));
}

function batchUpdate(ctx: SimContext, webhooks: WebhookRegistry, request: SimRequest): SimResponse {
  const body = parseBody(batchSchema, request.body);
  if (!body.ok) return body.error;
  const startedAt = new Date(ctx.clock()).toISOString();
  const updated = body.value.inputs.map((input) => webhooks.setActive(input.id, input.active, ctx.clock()));
  const results = updated.filter((s): s is Subscription => s !== undefined).map(subscriptionJson);
  return json(200, { status: 'COMPLETE', results, startedAt, completedAt: new Date(ctx.clock()).toISOString() });
}

/** https://developers.hubspot.com/docs/api/webhooks: settings and subscriptions, per app, by developer API key. */
export function webhooksApiRoutes(ctx: SimContext, webhooks: WebhookRegistry): Route[] {
  const base = '/webhooks/v3/:appId';
  const forApp =
    (handler: (c: SimContext, w: WebhookRegistry, r: SimRequest) => SimResponse) =>
    (request: SimRequest): SimResponse =>
      request.params['appId'] === ctx.credentials.appId
        ? handler(ctx, webhooks, request)
        : notFound(`App ${request.params['appId'] ?? ''} not found`);
  const route = (method: string, pattern: string, handler: Parameters<typeof forApp>[0]): Route => ({
    method,
    pattern,
    kind: 'webhooks',
    handler: forApp(handler),
  });
  return [
    ...['GET', 'PUT', 'DELETE'].map((method) => route(method, `${base}/settings`, settingsRoute)),
    route('GET', `${base}/subscriptions`, (_c, w) => json(200, { results: w.list().map(subscriptionJson) })),
    route('POST', `${base}/subscriptions`, createSubscription),
    route('POST', `${base}/subscriptions/batch/update`, batchUpdate),
    ...['GET', 'PATCH', 'DELETE'].map((method) =>
      route(method, `${base}/subscriptions/:subscriptionId`, subscriptionRoute),
    ),
  ];
}
