import type { HubSpotProvisionSpec } from './hubspot-port';

/** The contact events leadpact listens to; propertyChange subscriptions name the properties it reads. */
export function defaultWebhookSubscriptions(
  watchedProperties: readonly string[],
): NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'] {
  return [
    { eventType: 'contact.creation' },
    { eventType: 'contact.deletion' },
    { eventType: 'contact.merge' },
    { eventType: 'contact.associationChange' },
    ...watchedProperties.map((propertyName) => ({ eventType: 'contact.propertyChange', propertyName })),
  ];
}
