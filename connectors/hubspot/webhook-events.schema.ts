import { z } from 'zod';
import { hubSpotContactId, isHubSpotContactId, type HubSpotContactId } from '../../src/shared/ids';

/** HubSpot sends object ids as JSON numbers; they become branded string ids here. */
const contactId = z
  .union([z.number().int().positive(), z.string()])
  .transform(String)
  .refine(isHubSpotContactId, 'not a HubSpot object id')
  .transform((id): HubSpotContactId => hubSpotContactId(id));
const objectId = z.union([z.number().int(), z.string()]).transform(String);

/**
 * Fields every webhook event carries (https://developers.hubspot.com/docs/api/webhooks#webhook-payloads).
 * changeSource/sourceId say who made the change: an app's own writes come back as INTEGRATION
 * with the app id, which is how leadpact recognises its echoes.
 */
const base = {
  eventId: z.number().int(),
  subscriptionId: z.number().int(),
  portalId: z.number().int(),
  appId: z.number().int(),
  occurredAt: z.number().int(),
  attemptNumber: z.number().int().min(0),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
};

const knownEventSchema = z.discriminatedUnion('subscriptionType', [
  z.object({
    ...base,
    subscriptionType: z.literal('contact.creation'),
    objectId: contactId,
    changeFlag: z.string().optional(),
  }),
  z.object({
    ...base,
    subscriptionType: z.literal('contact.deletion'),
    objectId: contactId,
    changeFlag: z.string().optional(),
  }),
  z.object({ ...base, subscriptionType: z.literal('contact.privacyDeletion'), objectId: contactId }),
  z.object({ ...base, subscriptionType: z.literal('contact.restore'), objectId: contactId }),
  // A cleared property arrives with an empty propertyValue.
  z.object({
    ...base,
    subscriptionType: z.literal('contact.propertyChange'),
    objectId: contactId,
    propertyName: z.string().min(1),
    propertyValue: z.string(),
  }),
  z.object({
    ...base,
    subscriptionType: z.literal('contact.merge'),
    objectId: contactId,
    primaryObjectId: contactId,
    mergedObjectIds: z.array(contactId),
    newObjectId: contactId,
    numberOfPropertiesMoved: z.number().int().optional(),
  }),
  z.object({
    ...base,
    subscriptionType: z.literal('contact.associationChange'),
    associationType: z.string(),
    fromObjectId: objectId,
    toObjectId: objectId,
    associationRemoved: z.boolean(),
    isPrimaryAssociation: z.boolean().optional(),
  }),
]);

export const KNOWN_SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set(
  knownEventSchema.options.map((option) => option.shape.subscriptionType.value),
);

/** Any other subscription type (company.*, deal.*, a type HubSpot adds later): kept, marked unknown. */
const unknownEventSchema = z.looseObject({
  ...base,
  subscriptionType: z
    .string()
    .refine((type) => !KNOWN_SUBSCRIPTION_TYPES.has(type), 'a known subscription type with the wrong fields'),
});

export const hubSpotWebhookEventSchema = z.union([
  knownEventSchema.transform((event) => ({ ...event, known: true as const })),
  unknownEventSchema.transform((event) => ({ ...event, known: false as const })),
]);

/** A webhook request body: a JSON array of at most 100 events. */
export const hubSpotWebhookBodySchema = z.array(hubSpotWebhookEventSchema).max(100);

export type HubSpotWebhookEvent = z.infer<typeof hubSpotWebhookEventSchema>;
export type KnownHubSpotWebhookEvent = Extract<HubSpotWebhookEvent, { readonly known: true }>;
export type HubSpotWebhookBody = z.infer<typeof hubSpotWebhookBodySchema>;

/** True when the event reports a change this app made itself (its own write coming back). */
export function isOwnChange(event: HubSpotWebhookEvent, appId: string): boolean {
  return event.changeSource === 'INTEGRATION' && event.sourceId === appId;
}
