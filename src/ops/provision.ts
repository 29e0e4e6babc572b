import type { HubSpotPort, HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { Protocol } from '../protocol';
import { hubspotRoles } from '../protocol/field-sync';
import { hubspotProvisionSpec, salesforceFieldSpecs } from '../provisioning/field-specs';
import type { ProvisionReport } from '../shared/crm-port';

type Subscriptions = NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'];

/** What leadpact listens to: contact events, changes of the properties the protocol reads, privacy deletions. */
export function webhookSubscriptions(protocol: Protocol): Subscriptions {
  return [...defaultWebhookSubscriptions([...hubspotRoles(protocol).keys()].sort()), { eventType: 'contact.privacyDeletion' }];
}

export interface WebhookTarget {
  readonly appId: string;
  /** PUBLIC_URL: HubSpot posts to PUBLIC_URL/webhooks/hubspot. */
  readonly publicUrl: string;
}

export interface ProvisionDeps {
  readonly protocol: Protocol;
  readonly salesforce: Pick<SalesforcePort, 'provisionFields'>;
  readonly hubspot: Pick<HubSpotPort, 'provision'>;
  /** Absent: the webhook subscriptions are left to the caller (who says why). */
  readonly webhooks?: WebhookTarget;
}

export interface ProvisionOutcome {
  readonly salesforce: ProvisionReport;
  /** Properties, and the webhook subscriptions when a target was given. */
  readonly hubspot: ProvisionReport;
}

/** Creates what is missing, corrects what differs, leaves the rest: a second run changes nothing. */
export async function provision(deps: ProvisionDeps): Promise<ProvisionOutcome> {
  const salesforce = await deps.salesforce.provisionFields(salesforceFieldSpecs(deps.protocol));
  const spec = hubspotProvisionSpec(deps.protocol);
  const hubspot = await deps.hubspot.provision(
    deps.webhooks === undefined
      ? spec
      : { ...spec, webhooks: { appId: deps.webhooks.appId, targetUrl: `${deps.webhooks.publicUrl}/webhooks/hubspot`, subscriptions: webhookSubscriptions(deps.protocol) } },
  );
  return { salesforce, hubspot };
}

export function changedNothing(outcome: ProvisionOutcome): boolean {
  return [outcome.salesforce, outcome.hubspot].every((report) => report.created.length === 0 && report.updated.length === 0);
}
