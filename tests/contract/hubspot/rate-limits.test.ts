import { failureOf, sdk, simulators, useSimulator } from './hubspot-fixtures';

const sim = useSimulator({ ratePer10s: 3, dailyLimit: 5 });
const extra = simulators();
afterAll(() => extra.closeAll());

describe('HubSpot simulator: rate limits as the SDK sees them', () => {
  it('reports the app limits in X-HubSpot-RateLimit-* headers and refuses the call over the rolling window', async () => {
    const client = sdk(sim());
    const info = await client.crm.contacts.basicApi.getPageWithHttpInfo(1);
    expect(info.headers).toMatchObject({
      'x-hubspot-ratelimit-max': '3',
      'x-hubspot-ratelimit-remaining': '2',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-daily': '5',
      'x-hubspot-ratelimit-daily-remaining': '4',
    });
    await client.crm.contacts.basicApi.getPage(1);
    await client.crm.contacts.basicApi.getPage(1);
    const refused = await failureOf(client.crm.contacts.basicApi.getPage(1));
    expect(refused.code).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(sim().calls().rateLimited.TEN_SECONDLY_ROLLING).toBe(1);
  });

  it('refuses everything with DAILY once the daily allocation is spent, until midnight', async () => {
    const daily = await extra.start({ ratePer10s: 100, dailyLimit: 2 });
    const client = sdk(daily);
    await client.crm.contacts.basicApi.getPage(1);
    await client.crm.contacts.basicApi.getPage(1);
    const refused = await failureOf(client.crm.contacts.basicApi.getPage(1));
    expect(refused).toMatchObject({
      code: 429,
      body: { policyName: 'DAILY', message: 'You have reached your daily limit.' },
    });
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(
      Math.ceil((midnight.getTime() - Date.now()) / 1000) + 1,
    );
    expect(daily.calls().rateLimited.DAILY).toBe(1);
  });

  it('does not rate-limit a person working in HubSpot, and attributes their writes to CRM_UI', async () => {
    const ui = sdk(sim(), sim().credentials.uiUserToken);
    for (let i = 0; i < 5; i++)
      await ui.crm.contacts.basicApi.create({ properties: { email: `ui${i}@x.test` }, associations: [] });
    const [contact] = sim().contacts();
    const read = await ui.crm.contacts.basicApi.getById(contact!.id, undefined, ['email']);
    expect(read.propertiesWithHistory?.['email']?.[0]).toMatchObject({
      sourceType: 'CRM_UI',
      sourceId: `userId:${sim().credentials.uiUserId}`,
    });
    expect(sim().calls().rateLimited.TEN_SECONDLY_ROLLING).toBe(0);
  });
});
