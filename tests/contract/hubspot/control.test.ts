import { failureOf, sdk, useSimulator, webhookReceiver } from './hubspot-fixtures';

const sim = useSimulator();

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const response = await fetch(`${sim().url}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json', connection: 'close' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

describe('HubSpot simulator: the /__sim control surface over HTTP', () => {
  it('seeds, lets a marketer act in the CRM UI, and shows the result', async () => {
    const seeded = await control('POST', '/seed', {
      contacts: [{ email: 'ctl@example.com', lifecyclestage: 'lead' }],
      owners: [{ email: 'o@example.com' }],
    });
    const [id] = seeded.json?.['contacts'] as string[];
    expect((await control('PATCH', `/user/contacts/${id}`, { properties: { hs_lead_status: 'OPEN' } })).status).toBe(
      200,
    );
    const active = await control('POST', `/user/contacts/${id}/activity`, {
      pageViews: 3,
      formSubmission: 'Demo request',
      score: 42,
    });
    expect(active.json?.['properties']).toMatchObject({
      hs_analytics_num_page_views: '3',
      num_conversion_events: '1',
      recent_conversion_event_name: 'Demo request',
      hubspotscore: '42',
    });
    const created = await control('POST', '/user/contacts', { properties: { email: 'new@example.com' } });
    expect(created.status).toBe(201);
    const listed = await control('GET', '/contacts');
    expect((listed.json?.['results'] as unknown[]).length).toBe(2);
    const history = await sdk(sim()).crm.contacts.basicApi.getById(id!, undefined, [
      'hs_lead_status',
      'num_conversion_events',
    ]);
    expect(history.propertiesWithHistory?.['hs_lead_status']?.[0]).toMatchObject({
      value: 'OPEN',
      sourceType: 'CRM_UI',
    });
    expect(history.propertiesWithHistory?.['num_conversion_events']?.[0]).toMatchObject({
      value: '1',
      sourceType: 'FORM',
      sourceId: 'Demo request',
    });
    expect((await control('PATCH', `/user/contacts/${id}`, { properties: { nope: 'x' } })).status).toBe(400);
  });

  it('injects faults, counts calls per route and resets', async () => {
    expect(
      (await control('POST', '/faults', { burst: { count: 1, status: 502 }, routes: ['GET /crm/v3/objects'] })).status,
    ).toBe(204);
    const failed = await failureOf(sdk(sim()).crm.contacts.basicApi.getPage());
    expect(failed.code).toBe(502);
    await sdk(sim()).crm.contacts.basicApi.getPage();
    const calls = (await control('GET', '/calls')).json;
    expect(calls).toMatchObject({ total: 2, faultsInjected: 1, byRoute: { 'GET /crm/v3/objects/:objectType': 2 } });
    await control('POST', '/faults', { rateLimit: { count: 1, policy: 'DAILY', retryAfterMs: 5000 } });
    const limited = await failureOf(sdk(sim()).crm.contacts.basicApi.getPage());
    expect(limited).toMatchObject({ code: 429, body: { policyName: 'DAILY' } });
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/calls')).json).toMatchObject({ total: 0, faultsInjected: 0 });
  });

  it('points webhooks at a receiver and flushes them on demand', async () => {
    const hook = await webhookReceiver();
    try {
      await control('POST', '/webhooks/target', { url: hook.url });
      await control('POST', '/webhooks/subscriptions', { eventType: 'contact.creation' });
      await control('POST', '/user/contacts', { properties: { email: 'hooked@example.com' } });
      expect((await control('POST', '/webhooks/flush')).status).toBe(204);
      expect(hook.events()).toEqual([
        expect.objectContaining({ subscriptionType: 'contact.creation', changeSource: 'CRM_UI' }),
      ]);
      expect((await control('GET', '/credentials')).json).toMatchObject({
        accessToken: sim().credentials.accessToken,
        appId: sim().credentials.appId,
      });
    } finally {
      await hook.close();
    }
  });

  it('stalls a call so the client gives up, then serves the next one', async () => {
    sim().setFaults({ stall: { count: 1, ms: 300 } });
    const controller = AbortSignal.timeout(100);
    await expect(
      fetch(`${sim().url}/crm/v3/objects/contacts`, {
        headers: { authorization: `Bearer ${sim().credentials.accessToken}` },
        signal: controller,
      }),
    ).rejects.toThrow();
    expect((await sdk(sim()).crm.contacts.basicApi.getPage()).results).toEqual([]);
    expect(sim().calls().faultsInjected).toBe(1);
  });
});
