import type { Connection } from 'jsforce';
import { createHubSpotConnector, type HubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { connectorFor, tokenConnection } from '../../contract/salesforce/support';

export interface CdcOrg {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  /** The integration user's connector, as `leadpact provision` and the service use it. */
  readonly salesforce: Awaited<ReturnType<typeof connectorFor>>;
  readonly hubspot: HubSpotConnector;
  /** An admin's jsforce session, for what an admin does in Setup. */
  readonly admin: Connection;
}

/** A simulated org serving the Pub/Sub API and a portal, for the suite's lifetime (read inside tests). */
export function useCdcOrg(): () => CdcOrg {
  let org: CdcOrg | undefined;
  beforeAll(async () => {
    const sf = await startSalesforceSimulator({ changeEvents: {} });
    const hs = await startHubSpotSimulator();
    const salesforce = await connectorFor(sf);
    const hubspot = createHubSpotConnector({ accessToken: hs.credentials.accessToken, baseUrl: hs.url });
    org = { sf, hs, salesforce, hubspot, admin: tokenConnection(sf) };
  });
  afterAll(async () => {
    org?.hubspot.close();
    await Promise.all([org?.sf.close(), org?.hs.close()]);
  });
  return () => {
    if (org === undefined) throw new Error('the simulated org is not started yet');
    return org;
  };
}
