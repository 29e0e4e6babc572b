import type { HubSpotPort, HubSpotPropertySpec, HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { DEFAULT_HUBSPOT_PROVISION, defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import { DEFAULT_SALESFORCE_FIELDS } from '../../connectors/salesforce/provision-fields';
import type { CustomFieldSpec, SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { campaignFieldSpecs } from '../metrics';
import { DEFAULT_WRITE_BACK, type Protocol } from '../protocol';
import { hubspotRoles } from '../protocol/field-sync';
import type { ProvisionReport } from '../shared/crm-port';

type Subscriptions = NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'];

/** The default name -> the name this protocol's write-back section gives it. */
function renames(defaults: Readonly<Record<string, string>>, chosen: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(defaults).map(([key, name]) => [name, chosen[key] ?? name]));
}

/** A custom field's label takes at most 40 characters (Metadata API, CustomField.label). */
const LABEL_MAX = 40;

/**
 * The Salesforce custom fields leadpact writes, under the names this protocol gives them: the lead
 * fields on Lead and on Contact (a hand-off to an existing account's Contact writes the same
 * fields there, and upserts it by the HubSpot id), and the campaign metrics on Campaign.
 */
export function salesforceFieldSpecs(protocol: Protocol): CustomFieldSpec[] {
  const names = renames(DEFAULT_WRITE_BACK.salesforce, protocol.writeBack.salesforce);
  const leadFields = DEFAULT_SALESFORCE_FIELDS.filter((spec) => spec.object === 'Lead').map((spec) => ({ ...spec, name: names.get(spec.name) ?? spec.name }));
  const specs = [
    ...leadFields,
    ...leadFields.map((spec) => ({ ...spec, object: 'Contact' as const })),
    ...DEFAULT_SALESFORCE_FIELDS.filter((spec) => spec.object !== 'Lead' && spec.object !== 'Campaign'),
    ...campaignFieldSpecs(protocol.writeBack.campaign),
  ];
  const seen = new Set<string>();
  return specs
    .filter((spec) => {
      const key = `${spec.object}.${spec.name}`.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((spec) => (spec.label.length <= LABEL_MAX ? spec : { ...spec, label: `${spec.label.slice(0, LABEL_MAX - 1).trimEnd()}…` }));
}

/** The HubSpot property group and contact properties, under this protocol's names. */
export function hubspotPropertySpec(protocol: Protocol): HubSpotProvisionSpec {
  const names = renames(DEFAULT_WRITE_BACK.hubspot, protocol.writeBack.hubspot);
  const properties: HubSpotPropertySpec[] = DEFAULT_HUBSPOT_PROVISION.properties.map((spec) => ({ ...spec, name: names.get(spec.name) ?? spec.name }));
  return { group: DEFAULT_HUBSPOT_PROVISION.group, properties };
}

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
  const spec = hubspotPropertySpec(deps.protocol);
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
