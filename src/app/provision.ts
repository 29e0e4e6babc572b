import type { HubSpotPort, HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import type { SalesforcePort, SalesforceProvisionReport } from '../../connectors/salesforce/salesforce-port';
import { retrying } from './retrying';
import type { Protocol } from '../protocol';
import { hubspotRoles } from '../protocol/field-sync';
import { hubspotProvisionSpec, salesforceAccessNeeds, salesforceFieldSpecs } from './provision-specs';
import { CAMPAIGN_METRICS_SCHEMA } from '../metrics/writeback-spec';
import type { ProvisionReport } from '../shared/crm-port';
import { CrmError } from '../shared/errors';

type Subscriptions = NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'];

/** What leadpact listens to: contact events, changes of the properties the protocol reads, privacy deletions. */
export function webhookSubscriptions(protocol: Protocol): Subscriptions {
  return [
    ...defaultWebhookSubscriptions([...hubspotRoles(protocol).keys()].sort()),
    { eventType: 'contact.privacyDeletion' },
  ];
}

export interface WebhookTarget {
  readonly appId: string;
  /** PUBLIC_URL: HubSpot posts to PUBLIC_URL/webhooks/hubspot. */
  readonly publicUrl: string;
}

export interface ProvisionDeps {
  readonly protocol: Protocol;
  readonly salesforce: Pick<SalesforcePort, 'provisionFields'>;
  readonly hubspot: Pick<HubSpotPort, 'provision' | 'provisionObjectSchema'>;
  /** Absent: the webhook subscriptions are left to the caller (who says why). */
  readonly webhooks?: WebhookTarget;
}

export interface ProvisionOutcome {
  /** The custom fields, and (under `access`) the permission sets that grant them. */
  readonly salesforce: SalesforceProvisionReport;
  /** Properties, and the webhook subscriptions when a target was given. */
  readonly hubspot: ProvisionReport;
  /** The campaign-metrics custom object, or why it was left out (custom objects need Enterprise). */
  readonly hubspotObject: ProvisionReport | { readonly skipped: string };
}

/** Creates what is missing, corrects what differs, leaves the rest: a second run changes nothing. */
export async function provision(deps: ProvisionDeps): Promise<ProvisionOutcome> {
  const salesforce = await retrying(() =>
    deps.salesforce.provisionFields(salesforceFieldSpecs(deps.protocol), salesforceAccessNeeds(deps.protocol)),
  );
  const spec = hubspotProvisionSpec(deps.protocol);
  const hubspotSpec =
    deps.webhooks === undefined
      ? spec
      : {
          ...spec,
          webhooks: {
            appId: deps.webhooks.appId,
            targetUrl: `${deps.webhooks.publicUrl}/webhooks/hubspot`,
            subscriptions: webhookSubscriptions(deps.protocol),
          },
        };
  const hubspot = await retrying(() => deps.hubspot.provision(hubspotSpec));
  return { salesforce, hubspot, hubspotObject: await campaignMetricsObject(deps.hubspot) };
}

/**
 * Where marketers find the campaign metrics in HubSpot. A portal without custom objects (below
 * Enterprise) refuses the schema; the metrics then go to Salesforce Campaigns only, and say so.
 */
async function campaignMetricsObject(
  hubspot: Pick<HubSpotPort, 'provisionObjectSchema'>,
): Promise<ProvisionReport | { skipped: string }> {
  try {
    return await retrying(() => hubspot.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA));
  } catch (error) {
    if (error instanceof CrmError && error.code === 'CRM_FORBIDDEN') {
      return {
        skipped:
          'this HubSpot account has no custom objects (an Enterprise feature): campaign metrics go to Salesforce Campaigns only',
      };
    }
    throw error;
  }
}

export function changedNothing(outcome: ProvisionOutcome): boolean {
  const reports =
    'skipped' in outcome.hubspotObject
      ? [outcome.salesforce, outcome.salesforce.access, outcome.hubspot]
      : [outcome.salesforce, outcome.salesforce.access, outcome.hubspot, outcome.hubspotObject];
  return reports.every((report) => report.created.length === 0 && report.updated.length === 0);
}
