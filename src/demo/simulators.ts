import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../connectors/hubspot/simulator';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../shared/field-specs';
import { MARKETING_PROPERTIES } from './marketing-properties';

type Subscriptions = NonNullable<HubSpotProvisionSpec['webhooks']>['subscriptions'];

export interface SimulatorsOptions {
  /** 0 picks a free port. */
  readonly salesforcePort: number;
  readonly hubspotPort: number;
  /** Where leadpact listens: webhooks go to URL/webhooks/hubspot, outbound messages to URL/webhooks/salesforce. */
  readonly webhookUrl?: string;
  /** The HubSpot subscriptions to activate when webhooks are delivered. */
  readonly subscriptions?: Subscriptions;
}

/** What a user needs to point leadpact (or an SDK) at the simulators: URLs and the credentials they accept. */
export interface SimulatorsDescription {
  readonly salesforce: { readonly url: string; readonly env: Readonly<Record<string, string>> };
  readonly hubspot: {
    readonly url: string;
    readonly env: Readonly<Record<string, string>>;
    /** The webhooks v3 API's key (`hapikey`). */
    readonly developerApiKey: string;
    /** A token whose writes count as a marketer's in the HubSpot UI (changeSource CRM_UI). */
    readonly uiUserToken: string;
    readonly portalId: number;
  };
  /** Both sets of variables, ready for an env file. */
  readonly env: Readonly<Record<string, string>>;
  readonly webhooks: { readonly hubspot: string; readonly salesforce: string } | null;
}

export interface RunningSimulators {
  readonly salesforce: SalesforceSimulator;
  readonly hubspot: HubSpotSimulator;
  readonly description: SimulatorsDescription;
  close(): Promise<void>;
}

/**
 * Both simulators, with the example protocol's marketing properties in the HubSpot portal (a real
 * marketing team's portal has its own), and notifications pointed at leadpact when a URL is given.
 */
export async function startSimulators(options: SimulatorsOptions): Promise<RunningSimulators> {
  const salesforce = await startSalesforceSimulator({ port: options.salesforcePort });
  let hubspot: HubSpotSimulator | undefined;
  try {
    hubspot = await startHubSpotSimulator({ port: options.hubspotPort });
    await createMarketingProperties(hubspot);
    const webhooks =
      options.webhookUrl === undefined
        ? null
        : connect(salesforce, hubspot, options.webhookUrl, options.subscriptions ?? []);
    const started = hubspot;
    return {
      salesforce,
      hubspot: started,
      description: describeSimulators(salesforce, started, webhooks),
      close: async () => {
        await Promise.all([salesforce.close(), started.close()]);
      },
    };
  } catch (error) {
    await Promise.all([salesforce.close(), hubspot?.close()]);
    throw error;
  }
}

/** Through the real SDK, as a portal admin would create them. */
async function createMarketingProperties(hubspot: HubSpotSimulator): Promise<void> {
  const connector = createHubSpotConnector({ accessToken: hubspot.credentials.accessToken, baseUrl: hubspot.url });
  try {
    await connector.provision(MARKETING_PROPERTIES);
  } finally {
    connector.close();
  }
}

function connect(
  salesforce: SalesforceSimulator,
  hubspot: HubSpotSimulator,
  url: string,
  subscriptions: Subscriptions,
): { hubspot: string; salesforce: string } {
  const base = url.replace(/\/+$/, '');
  const targets = { hubspot: `${base}/webhooks/hubspot`, salesforce: `${base}/webhooks/salesforce` };
  hubspot.setWebhookTarget(targets.hubspot);
  for (const subscription of subscriptions) hubspot.subscribe(subscription.eventType, subscription.propertyName);
  salesforce.setOutbound({ url: targets.salesforce, objects: [...FOLLOWED_SALESFORCE_OBJECTS] });
  return targets;
}

export function describeSimulators(
  salesforce: SalesforceSimulator,
  hubspot: HubSpotSimulator,
  webhooks: SimulatorsDescription['webhooks'],
): SimulatorsDescription {
  const sf = salesforce.credentials;
  const hs = hubspot.credentials;
  const salesforceEnv = {
    SALESFORCE_LOGIN_URL: salesforce.url,
    SALESFORCE_CLIENT_ID: sf.clientId,
    SALESFORCE_CLIENT_SECRET: sf.clientSecret,
    SALESFORCE_USERNAME: sf.username,
    // The username-password flow takes the password followed by the user's security token.
    SALESFORCE_PASSWORD: `${sf.password}${sf.securityToken}`,
    SALESFORCE_ORG_ID: sf.orgId,
  };
  const hubspotEnv = {
    HUBSPOT_BASE_URL: hubspot.url,
    HUBSPOT_ACCESS_TOKEN: hs.accessToken,
    HUBSPOT_CLIENT_SECRET: hs.clientSecret,
    HUBSPOT_APP_ID: hs.appId,
  };
  return {
    salesforce: { url: salesforce.url, env: salesforceEnv },
    hubspot: {
      url: hubspot.url,
      env: hubspotEnv,
      developerApiKey: hs.developerApiKey,
      uiUserToken: hs.uiUserToken,
      portalId: hs.portalId,
    },
    env: { ...salesforceEnv, ...hubspotEnv },
    webhooks,
  };
}
