import { discoverBacklog, syncBacklog, windowOccupancy } from '../../../bench/hubspot-backlog';
import { createHubSpotConnector } from '../../../connectors/hubspot/hubspot-connector';
import { DEFAULT_HUBSPOT_PROVISION } from '../../../src/app/provision-specs';
import { hubSpotContactId } from '../../../src/shared/ids';
import { sdk, simulators } from './hubspot-fixtures';

const sims = simulators();
afterAll(() => sims.closeAll());

describe('HubSpot connector under the app rate limit', () => {
  it('syncs a 3,000-contact backlog without a single 429 (window compressed to 1 s, 30 requests per window)', async () => {
    const limits = { ratePer10s: 30, rateWindowMs: 1_000, searchPerSecond: 20 };
    const sim = await sims.start({ ...limits, dailyLimit: 1_000_000 });
    const connector = createHubSpotConnector({
      accessToken: sim.credentials.accessToken,
      baseUrl: sim.url,
      ...limits,
      searchSettleMs: 0,
    });
    try {
      const start = Date.parse('2024-01-01T00:00:00Z');
      sim.seed({
        contacts: Array.from({ length: 3_000 }, (_, i) => ({
          email: `b${i}@x.test`,
          lastmodifieddate: new Date(start + Math.floor(i / 4) * 1_000).toISOString(),
        })),
      });
      const chunks = await discoverBacklog(connector, Date.now());
      await connector.provision(DEFAULT_HUBSPOT_PROVISION);
      const totals = await syncBacklog(connector, chunks, 6);
      expect(totals).toEqual({ read: 3_000, updated: 3_000, failed: 0 });
      const calls = sim.calls();
      expect(calls.rateLimited).toEqual({ TEN_SECONDLY_ROLLING: 0, DAILY: 0, SECONDLY: 0 });
      expect(calls.total - (calls.byRoute['POST /crm/v3/objects/:objectType/search'] ?? 0)).toBeGreaterThan(2 * 30);
      expect(windowOccupancy(sim.admittedAt(), 1_000).peak).toBeLessThanOrEqual(30);
      expect(sim.contacts().every((contact) => contact.properties['leadpact_stage'] === 'nurturing')).toBe(true);
    } finally {
      connector.close();
    }
  });

  it('after a 429 it did not see coming (another client spent the budget), fails the call and holds the next one until the window allows', async () => {
    const sim = await sims.start({ ratePer10s: 10, rateWindowMs: 500 });
    const ours = createHubSpotConnector({
      accessToken: sim.credentials.accessToken,
      baseUrl: sim.url,
      ratePer10s: 10,
      rateWindowMs: 500,
    });
    try {
      const other = sdk(sim);
      await Promise.allSettled(Array.from({ length: 12 }, () => other.crm.contacts.basicApi.getPage(1)));
      // The connector never retries: the caller (a job or a relay) tries again, through the paused limiter.
      await expect(ours.readContacts([hubSpotContactId('1')], [])).rejects.toMatchObject({ code: 'CRM_RATE_LIMITED' });
      expect(ours.limiter.stats().pauses).toBe(1);
      const refused = sim.calls().rateLimited.TEN_SECONDLY_ROLLING;
      expect(refused).toBeGreaterThanOrEqual(3);
      await expect(ours.readContacts([hubSpotContactId('1')], [])).resolves.toEqual([]);
      expect(sim.calls().rateLimited.TEN_SECONDLY_ROLLING).toBe(refused);
    } finally {
      ours.close();
    }
  });
});
