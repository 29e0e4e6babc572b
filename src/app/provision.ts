import type { HubSpotPort, HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import type { SalesforcePort, SalesforceProvisionReport } from '../../connectors/salesforce/salesforce-port';
import { LEADPACT_CHANNEL, type ChangeChannelAccess } from '../../connectors/salesforce/cdc-channel';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../shared/field-specs';
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
  /** leadpact's Change Data Capture channel; absent: left alone. */
  readonly changeChannel?: Pick<ChangeChannelAccess, 'provision'>;
}

type Skippable = ProvisionReport | { readonly skipped: string };

export interface ProvisionOutcome {
  /** The custom fields, and (under `access`) the permission sets that grant them. */
  readonly salesforce: SalesforceProvisionReport;
  /** Properties, and the webhook subscriptions when a target was given. */
  readonly hubspot: ProvisionReport;
  /** The campaign-metrics custom object, or why it was left out (custom objects need Enterprise). */
  readonly hubspotObject: Skippable;
  /** The channel Leadpact__chn and its members, or why it was left out; absent when not asked. */
  readonly changeChannel?: Skippable;
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
  const hubspotObject = await campaignMetricsObject(deps.hubspot);
  return deps.changeChannel === undefined
    ? { salesforce, hubspot, hubspotObject }
    : { salesforce, hubspot, hubspotObject, changeChannel: await changeChannel(deps.changeChannel) };
}

/** A step the account may refuse (CRM_FORBIDDEN): skipped, saying why and what to do, while the rest goes on. */
async function unlessForbidden(step: () => Promise<ProvisionReport>, skipped: string): Promise<Skippable> {
  try {
    return await retrying(step);
  } catch (error) {
    if (error instanceof CrmError && error.code === 'CRM_FORBIDDEN') return { skipped };
    throw error;
  }
}

/**
 * The channel leadpact subscribes to for Change Data Capture, holding the objects it follows. An
 * integration user without "Customize Application" may not create it: provision says what to do
 * and goes on (leadpact then follows Salesforce through outbound messages).
 */
function changeChannel(channel: Pick<ChangeChannelAccess, 'provision'>): Promise<Skippable> {
  return unlessForbidden(
    () => channel.provision(FOLLOWED_SALESFORCE_OBJECTS),
    `the integration user may not create Change Data Capture channels. Give it the Customize Application permission and run leadpact provision again, or have an admin create ${LEADPACT_CHANNEL.fullName} (README, "Following Salesforce through Change Data Capture"); until then leadpact follows Salesforce through outbound messages`,
  );
}

/**
 * Where marketers find the campaign metrics in HubSpot. A portal without custom objects (below
 * Enterprise) refuses the schema; the metrics then go to Salesforce Campaigns only, and say so.
 */
function campaignMetricsObject(hubspot: Pick<HubSpotPort, 'provisionObjectSchema'>): Promise<Skippable> {
  return unlessForbidden(
    () => hubspot.provisionObjectSchema(CAMPAIGN_METRICS_SCHEMA),
    'this HubSpot account has no custom objects (an Enterprise feature): campaign metrics go to Salesforce Campaigns only',
  );
}

export function changedNothing(outcome: ProvisionOutcome): boolean {
  const reports = [
    outcome.salesforce,
    outcome.salesforce.access,
    outcome.hubspot,
    ...[outcome.hubspotObject, outcome.changeChannel].flatMap((r) => (r === undefined || 'skipped' in r ? [] : [r])),
  ];
  return reports.every((report) => report.created.length === 0 && report.updated.length === 0);
}
