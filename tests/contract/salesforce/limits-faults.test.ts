import { rejection, tokenConnection, useSimulator } from './support';

describe('Salesforce simulator: API allocation and injected faults', () => {
  const sim = useSimulator({ dailyApiLimit: 5 });

  beforeEach(() => sim().reset());

  it('reports usage in Sforce-Limit-Info, which jsforce reads into limitInfo', async () => {
    const conn = tokenConnection(sim());
    await conn.query('SELECT Id FROM User');
    await conn.query('SELECT Id FROM User');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 5 } });
    expect(await conn.limits()).toMatchObject({ DailyApiRequests: { Max: 5, Remaining: 2 } });
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the daily allocation is used up', async () => {
    const conn = tokenConnection(sim());
    for (let i = 0; i < 5; i += 1) await conn.query('SELECT Id FROM User');
    const failure = await rejection(conn.query('SELECT Id FROM User'));
    expect([failure.errorCode, failure.message]).toEqual(['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.']);
    expect(sim().calls().total).toBe(5);
  });

  it('fails the next requests of a route with a forced 5xx, in the API error shape', async () => {
    const conn = tokenConnection(sim());
    sim().setFaults({ fail: [{ route: 'POST /sobjects/:type', status: 503, times: 1 }] });
    const failure = await rejection(conn.sobject('Lead').create({ LastName: 'A', Company: 'B' }));
    expect(failure.errorCode).toBe('SERVER_UNAVAILABLE');
    expect((await conn.sobject('Lead').create({ LastName: 'A', Company: 'B' })).success).toBe(true);
    sim().setFaults({ fail: [{ route: 'POST /sobjects/:type', status: 502 }] });
    expect((await rejection(conn.sobject('Lead').create({ LastName: 'A', Company: 'B' }))).errorCode).toBe(
      'ERROR_HTTP_502',
    );
  });

  it('fails a route at the configured rate', async () => {
    const conn = tokenConnection(sim());
    sim().setFaults({ errorRate: { 'POST /composite': 1 } });
    expect((await rejection(conn.requestPost('/composite', { compositeRequest: [] }))).errorCode).toBe(
      'SERVER_UNAVAILABLE',
    );
  });

  it('holds a request without answering to force a client timeout, then answers the next one', async () => {
    const conn = tokenConnection(sim());
    sim().setFaults({ timeout: [{ route: 'GET /query', times: 1 }] });
    const hung = await rejection(
      conn.request(`/query?q=${encodeURIComponent('SELECT Id FROM User')}`, { timeout: 200, retry: { maxRetries: 0 } }),
    );
    expect(hung.name).toBe('AbortError');
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
  });

  it('counts calls per route and forgets them on reset', async () => {
    const conn = tokenConnection(sim());
    await conn.query('SELECT Id FROM User');
    expect(sim().calls()).toEqual({ total: 1, byRoute: { 'GET /query': 1 } });
    sim().reset();
    expect(sim().calls()).toEqual({ total: 0, byRoute: {} });
  });
});
