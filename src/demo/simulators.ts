import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import type { HubSpotProvisionSpec } from '../../connectors/hubspot/hubspot-port';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../connectors/hubspot/simulator';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../shared/field-specs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /**
   * How the simulated org reports changes (default both): Change Data Capture on its Pub/Sub endpoint,
   * outbound messages (to the webhook URL), or both.
   */
  readonly salesforceChanges?: 'cdc' | 'outbound' | 'both';
  /** Where the Pub/Sub endpoint's certificate is written, for SALESFORCE_PUBSUB_CA_FILE. */
  readonly certificateDir?: string;
}

/** What a user needs to point leadpact (or an SDK) at the simulators: URLs and the credentials they accept. */
export interface SimulatorsDescription {
  readonly salesforce: {
    readonly url: string;
    readonly env: Readonly<Record<string, string>>;
    /** The Pub/Sub API (Change Data Capture): host:port, and the file holding its certificate to trust. */
    readonly pubsub?: { readonly endpoint: string; readonly caFile: string };
  };
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
  const changes = options.salesforceChanges ?? 'both';
  const salesforce = await startSalesforceSimulator({
    port: options.salesforcePort,
    // A keepalive comes "within 270 seconds" on the platform; every few seconds here, so a client
    // started by hand sees its subscription is live without waiting minutes.
    ...(changes === 'outbound' ? {} : { changeEvents: { keepaliveMs: 5_000 } }),
  });
  let hubspot: HubSpotSimulator | undefined;
  try {
    hubspot = await startHubSpotSimulator({ port: options.hubspotPort });
    await createMarketingProperties(hubspot);
    const webhooks =
      options.webhookUrl === undefined
        ? null
        : connect(salesforce, hubspot, options.webhookUrl, options.subscriptions ?? [], changes !== 'cdc');
    const started = hubspot;
    const pubsub = pubSubOf(salesforce, changes, options.certificateDir);
    return {
      salesforce,
      hubspot: started,
      description: describeSimulators(salesforce, started, webhooks, pubsub),
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
  outbound: boolean,
): { hubspot: string; salesforce: string } {
  const base = url.replace(/\/+$/, '');
  const targets = { hubspot: `${base}/webhooks/hubspot`, salesforce: `${base}/webhooks/salesforce` };
  hubspot.setWebhookTarget(targets.hubspot);
  for (const subscription of subscriptions) hubspot.subscribe(subscription.eventType, subscription.propertyName);
  if (outbound) salesforce.setOutbound({ url: targets.salesforce, objects: [...FOLLOWED_SALESFORCE_OBJECTS] });
  return targets;
}

export function describeSimulators(
  salesforce: SalesforceSimulator,
  hubspot: HubSpotSimulator,
  webhooks: SimulatorsDescription['webhooks'],
  pubsub: PubSubDescription | null = null,
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
    // Without the Pub/Sub endpoint the simulated org is followed through outbound messages, said
    // explicitly: unset, leadpact would choose Change Data Capture once provision has made its channel.
    ...(pubsub === null
      ? { SALESFORCE_CHANGES: 'outbound' }
      : {
          SALESFORCE_PUBSUB_ENDPOINT: pubsub.endpoint,
          SALESFORCE_PUBSUB_CA_FILE: pubsub.caFile,
          ...(pubsub.only ? { SALESFORCE_CHANGES: 'cdc' } : {}),
        }),
  };
  const hubspotEnv = {
    HUBSPOT_BASE_URL: hubspot.url,
    HUBSPOT_ACCESS_TOKEN: hs.accessToken,
    HUBSPOT_CLIENT_SECRET: hs.clientSecret,
    HUBSPOT_APP_ID: hs.appId,
  };
  return {
    salesforce: {
      url: salesforce.url,
      env: salesforceEnv,
      ...(pubsub === null ? {} : { pubsub: { endpoint: pubsub.endpoint, caFile: pubsub.caFile } }),
    },
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

/** The simulated org's Pub/Sub endpoint, its certificate written to a file a client can be pointed at. */
interface PubSubDescription {
  readonly endpoint: string;
  readonly caFile: string;
  /** The org reports changes through CDC only: leadpact must subscribe. */
  readonly only: boolean;
}

function pubSubOf(
  salesforce: SalesforceSimulator,
  changes: 'cdc' | 'outbound' | 'both',
  dir: string = tmpdir(),
): PubSubDescription | null {
  const endpoint = salesforce.pubsub;
  if (endpoint === undefined) return null;
  const caFile = join(dir, `leadpact-sim-pubsub-${endpoint.address.replace(/[^A-Za-z0-9]+/g, '-')}.pem`);
  writeFileSync(caFile, endpoint.certificate, { mode: 0o644 });
  return { endpoint: endpoint.address, caFile, only: changes === 'cdc' };
}
