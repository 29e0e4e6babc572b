import { backlog, drained, hubspotLimitFigures, Load, pause, printFigures } from '../support/chaos-load';
import { eventually, startHarness, type Harness } from '../support/pipeline-harness';

const RATE_PER_10S = 100;
const STALL_MS = 30_000;

/** Requests the Salesforce simulator received, faulted ones included (they never count as API calls). */
function requests(h: Harness): number {
  return Object.values(h.sf.calls().byRoute).reduce((total, n) => total + n, 0);
}

describe('CRM faults under load: 429 storms, 5xx bursts, 30-second stalls, session expiry', () => {
  let h: Harness;
  beforeAll(async () => {
    // The simulator enforces the same per-10-second limit leadpact is configured with.
    h = await startHarness({ hubspotRatePer10s: RATE_PER_10S });
  });
  afterAll(async () => {
    await h.close();
  });

  it('nothing is lost, no API limit is exceeded, and the backlog drains once the CRMs recover', async () => {
    const load = new Load(h, { tag: 'faults', contactsPerSecond: 10, rejectEvery: 4 });
    load.start();
    await pause(3_000);
    const hubspotBefore = h.hs.calls().faultsInjected;
    const salesforceBefore = requests(h);
    // HubSpot: two calls hang for 30 s, then a storm of 429s, then a burst of 503s.
    h.hs.setFaults({
      stall: { count: 2, ms: STALL_MS },
      rateLimit: { count: 15, policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: 1_000 },
      burst: { count: 15, status: 503 },
    });
    // Salesforce: two calls get no answer (the connector gives up after 30 s), then 5xx on any route, the login included.
    h.sf.setFaults({
      timeout: [{ times: 2 }],
      fail: [
        { status: 503, times: 10 },
        { status: 500, times: 5 },
      ],
    });
    h.sf.expireSessions();
    let sessionExpiries = 1;
    await eventually(
      async () => {
        if (sessionExpiries < 3 && Math.random() < 0.05) {
          h.sf.expireSessions();
          sessionExpiries++;
        }
        await pause(100);
        return h.hs.calls().faultsInjected - hubspotBefore >= 32 && requests(h) - salesforceBefore >= 17
          ? true
          : undefined;
      },
      120_000,
      'every injected fault to be hit',
    );
    const sent = await load.stop();
    const injected = { hubspot: h.hs.calls().faultsInjected - hubspotBefore, salesforce: 17 };
    h.hs.clearFaults();
    h.sf.setFaults({});
    const { reckoning, seconds: drainSeconds } = await drained(h, h.db, load, 150_000);
    const limits = hubspotLimitFigures(h.hs);
    printFigures('crm faults', {
      contacts: sent.contacts,
      rejections: load.rejected.size,
      rejectionRetries: load.figures().rejectionRetries,
      hubspotInjected: injected.hubspot,
      salesforceInjected: injected.salesforce,
      stallsOf30s: 4,
      sessionExpiries,
      real429: limits.real429,
      peakWindow: limits.peakWindow,
      windowLimit: limits.windowLimit,
      salesforceCalls: h.sf.calls().total,
      hubspotCalls: h.hs.calls().total,
      duplicates: reckoning.duplicates,
      missing: reckoning.missing,
      deadLetters: (await backlog(h.db)).deadLetters,
      drainSeconds,
    });
    expect(reckoning).toEqual({ missing: 0, duplicates: 0, feedbackMissing: 0 });
    expect(limits.real429).toBe(0);
    expect(limits.peakWindow).toBeLessThanOrEqual(limits.windowLimit);
    expect((await backlog(h.db)).deadLetters).toBe(0);
  });
});
