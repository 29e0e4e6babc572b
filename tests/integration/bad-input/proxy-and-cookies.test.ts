import { STRONG_TOKEN, startAdminApp, type AdminApp } from './admin-app';

async function signIn(app: AdminApp, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${app.url}/scorecard/session`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: `token=${STRONG_TOKEN}`,
  });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie') ?? '';
}

async function guess(app: AdminApp, forwardedFor: string): Promise<number> {
  const response = await fetch(`${app.url}/admin/leads`, {
    headers: { authorization: `Bearer ${'e'.repeat(64)}`, 'x-forwarded-for': forwardedFor },
  });
  return response.status;
}

describe('behind a TLS proxy', () => {
  const apps: AdminApp[] = [];
  const start = async (options: Parameters<typeof startAdminApp>[0]) => {
    const app = await startAdminApp(options);
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('the session cookie is Secure when PUBLIC_URL is https', async () => {
    const app = await start({ publicUrl: 'https://leadpact.example.com' });
    expect(await signIn(app)).toMatch(/; Secure/);
  });

  it('the session cookie is Secure when a trusted proxy says the request came over TLS', async () => {
    const app = await start({ trustProxy: ['loopback'] });
    expect(await signIn(app, { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
  });

  it('without TRUST_PROXY, a forwarded scheme is not believed', async () => {
    const app = await start({});
    expect(await signIn(app, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For does not make a guesser a new client', async () => {
    const app = await start({});
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await guess(app, `203.0.113.${i}`));
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('with TRUST_PROXY, the address the proxy forwarded is the client', async () => {
    const app = await start({ trustProxy: 1 });
    for (let i = 0; i < 6; i++) await guess(app, '203.0.113.7');
    expect(await guess(app, '203.0.113.7')).toBe(429);
    expect(await guess(app, '198.51.100.1')).toBe(401);
    const lines = app.lines.filter((line) => line.msg === 'admin token refused');
    expect(lines.at(-1)?.client).toBe('198.51.100.1');
  });
});
