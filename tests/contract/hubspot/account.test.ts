import { Client } from '@hubspot/api-client';
import { createHubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { CrmError } from '../../../src/shared/errors';
import { useSimulator } from './hubspot-fixtures';

const sim = useSimulator({ portalId: 7_654_321 });

describe('HubSpot account details: which account a token belongs to', () => {
  it('answers GET /account-info/v3/details with the fields HubSpot documents, the portal id its webhooks carry', async () => {
    const client = new Client({ accessToken: sim().credentials.accessToken, basePath: sim().url });
    const response = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    expect(response.status).toBe(200);
    // Parsed here rather than by fetch's json(), whose objects come from another realm than jest's matchers.
    expect(JSON.parse(await response.text())).toEqual(
      expect.objectContaining({
        portalId: 7_654_321,
        accountType: 'STANDARD',
        timeZone: expect.any(String),
        companyCurrency: expect.any(String),
        additionalCurrencies: expect.any(Array),
        utcOffset: expect.any(String),
        utcOffsetMilliseconds: expect.any(Number),
        uiDomain: expect.any(String),
        dataHostingLocation: expect.any(String),
      }),
    );
  });

  it('gives the connector the portal id, and a refused token as the classified failure', async () => {
    const good = createHubSpotConnector({ accessToken: sim().credentials.accessToken, baseUrl: sim().url });
    const bad = createHubSpotConnector({ accessToken: 'pat-na1-not-ours', baseUrl: sim().url });
    try {
      await expect(good.portalId()).resolves.toBe('7654321');
      const failure = await bad.portalId().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CrmError);
      expect((failure as CrmError).code).toBe('CRM_AUTH_FAILED');
    } finally {
      good.close();
      bad.close();
    }
  });
});
