import { createHash } from 'node:crypto';
import { hubSpotV3Signature } from '../webhook-signature';
import type { ChangeEvent } from './change-feed';
import { SINGULAR } from './property-model';
import type { Subscription } from './webhook-registry';

/** One event of a webhook body, before its attemptNumber is known. */
export type WebhookEvent = Readonly<Record<string, unknown>> & { readonly eventId: number };

export function subscriptionTypeOf(event: ChangeEvent): string {
  return `${SINGULAR[event.objectType]}.${event.kind}`;
}

/**
 * The payload fields HubSpot documents per subscription type
 * (https://developers.hubspot.com/docs/api/webhooks#webhook-payloads): ids are JSON numbers.
 */
export function webhookEvent(
  change: ChangeEvent,
  subscription: Subscription,
  eventId: number,
  app: { readonly portalId: number; readonly appId: string },
): WebhookEvent {
  const base = {
    eventId,
    subscriptionId: subscription.id,
    portalId: app.portalId,
    appId: Number(app.appId),
    occurredAt: change.occurredAt,
    subscriptionType: subscription.eventType,
    attemptNumber: 0,
    changeSource: change.source.changeSource,
    sourceId: change.source.sourceId,
  };
  switch (change.kind) {
    case 'creation':
      return { ...base, objectId: Number(change.objectId), changeFlag: 'CREATED' };
    case 'deletion':
      return { ...base, objectId: Number(change.objectId), changeFlag: 'DELETED' };
    case 'privacyDeletion':
      return { ...base, objectId: Number(change.objectId) };
    case 'propertyChange':
      return {
        ...base,
        objectId: Number(change.objectId),
        propertyName: change.propertyName,
        propertyValue: change.propertyValue,
      };
    case 'merge':
      return {
        ...base,
        objectId: Number(change.objectId),
        primaryObjectId: Number(change.primaryObjectId),
        mergedObjectIds: change.mergedObjectIds.map(Number),
        newObjectId: Number(change.newObjectId),
        numberOfPropertiesMoved: change.numberOfPropertiesMoved,
        changeFlag: 'MERGED',
      };
    case 'associationChange':
      return {
        ...base,
        associationType: change.associationType,
        fromObjectId: Number(change.fromObjectId),
        toObjectId: Number(change.toObjectId),
        associationRemoved: change.associationRemoved,
        isPrimaryAssociation: change.isPrimaryAssociation,
      };
  }
}

export interface SignedDelivery {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Serialises a batch for one attempt and signs it: v3 (HMAC over method + URI + body + timestamp)
 * and, as HubSpot still does for webhooks, v1 (sha256 of secret + body).
 */
export function signedDelivery(
  events: readonly WebhookEvent[],
  attemptNumber: number,
  targetUrl: string,
  clientSecret: string,
  now: number,
): SignedDelivery {
  const body = JSON.stringify(events.map((event) => ({ ...event, attemptNumber })));
  const v3 = hubSpotV3Signature({
    method: 'POST',
    url: targetUrl,
    rawBody: Buffer.from(body, 'utf8'),
    timestamp: now,
    clientSecret,
  });
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (leadpact simulator)',
      'X-HubSpot-Signature': createHash('sha256')
        .update(clientSecret + body)
        .digest('hex'),
      'X-HubSpot-Signature-Version': 'v1',
      'X-HubSpot-Signature-v3': v3,
      'X-HubSpot-Request-Timestamp': String(now),
    },
  };
}
