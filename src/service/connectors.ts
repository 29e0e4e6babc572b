import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import type { HubSpotPort } from '../../connectors/hubspot/hubspot-port';
import { hubspotInspection, type HubSpotInspection } from '../../connectors/hubspot/portal-inspection';
import type { WindowLimiter } from '../queue/budget';
import {
  createSalesforceConnector,
  type SalesforceConnectorExtras,
} from '../../connectors/salesforce/salesforce-connector';
import type { SalesforceInspection } from '../../connectors/salesforce/org-inspection';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import type { Env } from '../config/env';
import { CAMPAIGN_METRICS_OBJECT } from '../metrics/writeback-spec';
import { ConfigError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Lifecycle } from './lifecycle';

export interface Connectors {
  readonly salesforce: SalesforcePort;
  readonly hubspot: HubSpotPort;
  /** Read-only questions about the org and the portal, for doctor and the start preflight. */
  readonly salesforceInspection: SalesforceInspection;
  readonly hubspotInspection: HubSpotInspection;
  readonly hubspotLimiter: WindowLimiter;
  /** The org's instance URL, for links to its records (alerts). */
  salesforceInstanceUrl(): string;
  /** The integration user's session as the Pub/Sub API takes it, and its renewal (SALESFORCE_CHANGES=cdc). */
  readonly salesforcePubSub: Pick<SalesforceConnectorExtras, 'pubSubSession' | 'refreshSession'>;
  /** leadpact's Change Data Capture channel in the org (provision, doctor, the start's choice of source). */
  readonly salesforceChannel: SalesforceConnectorExtras['changeChannel'];
  close(): Promise<void>;
}

/**
 * Where HubSpot should post webhooks, when the environment lets leadpact manage the subscriptions:
 * they take the app id, its developer API key (not the private-app token) and PUBLIC_URL.
 */
export function webhookTargetFromEnv(
  env: Env,
): { readonly appId: string; readonly developerApiKey: string; readonly publicUrl: string } | undefined {
  const { appId, developerApiKey } = env.hubspot;
  return appId !== undefined && developerApiKey !== undefined && env.publicUrlSet
    ? { appId, developerApiKey, publicUrl: env.publicUrl }
    : undefined;
}

/** Both CRM adapters from the environment; a missing credential is a configuration error. */
export async function connectorsFromEnv(env: Env, logger: Logger): Promise<Connectors> {
  const auth = env.salesforce.auth;
  const token = env.hubspot.accessToken;
  if (auth === undefined || token === undefined) {
    throw new ConfigError('CONFIG_INVALID', 'The environment', [
      {
        path: auth === undefined ? 'SALESFORCE_CLIENT_ID' : 'HUBSPOT_ACCESS_TOKEN',
        message: 'CRM credentials are required',
      },
    ]);
  }
  const hubspot = createHubSpotConnector({
    accessToken: token,
    baseUrl: env.hubspot.baseUrl,
    ratePer10s: env.hubspot.ratePer10s,
    campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
    logger,
    ...(env.hubspot.developerApiKey === undefined ? {} : { developerApiKey: env.hubspot.developerApiKey }),
  });
  const salesforce = await createSalesforceConnector({
    auth,
    loginUrl: env.salesforce.loginUrl,
    apiVersion: env.salesforce.apiVersion,
    logger,
  });
  return {
    salesforce,
    hubspot,
    salesforceInspection: salesforce.inspection,
    hubspotInspection: hubspotInspection({ accessToken: token, baseUrl: env.hubspot.baseUrl }),
    hubspotLimiter: hubspot.limiter,
    salesforceInstanceUrl: () => salesforce.instanceUrl(),
    salesforcePubSub: salesforce,
    salesforceChannel: salesforce.changeChannel,
    async close() {
      hubspot.close();
      await salesforce.close();
    },
  };
}

/**
 * Our HubSpot account, which webhook events must name: HUBSPOT_PORTAL_ID, or else the account the
 * access token belongs to, asked of HubSpot (through the workers' connector when this process has one).
 * The caller asks lazily, so a HubSpot outage never keeps the ingress from starting.
 */
export function hubspotPortalIdSource(
  env: Env,
  logger: Logger,
  lifecycle: Lifecycle,
  hubspot?: HubSpotPort,
): () => Promise<string> {
  const configured = env.hubspot.portalId;
  if (configured !== undefined) return () => Promise.resolve(configured);
  if (hubspot !== undefined) return () => hubspot.portalId();
  const token = env.hubspot.accessToken;
  if (token === undefined) {
    throw new ConfigError('CONFIG_INVALID', 'The environment', [
      { path: 'HUBSPOT_PORTAL_ID', message: 'required without HUBSPOT_ACCESS_TOKEN' },
    ]);
  }
  const own = createHubSpotConnector({
    accessToken: token,
    baseUrl: env.hubspot.baseUrl,
    ratePer10s: env.hubspot.ratePer10s,
    logger,
  });
  lifecycle.add('connections', 'hubspot-account', () => Promise.resolve(own.close()));
  return () => own.portalId();
}
