import { request } from 'node:http';
import { STRONG_TOKEN, startAdminApp, type AdminApp } from './admin-app';

interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One request from a chosen loopback address (127.0.0.1, 127.0.0.2, …): a client of its own. */
function send(
  app: AdminApp,
  path: string,
  options: { token?: string; from?: string; method?: string; form?: string } = {},
): Promise<Reply> {
  const url = new URL(path, app.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? 'GET',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          ...(options.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.form);
  });
}

const WRONG = 'f'.repeat(64);

describe('guessing the admin token', () => {
  let app: AdminApp;
  let now = Date.parse('2026-03-02T09:00:00Z');
  beforeEach(async () => {
    app = await startAdminApp({ realNow: () => now });
  });
  afterEach(async () => {
    await app.close();
  });

  it('slows a guesser down: 429 with Retry-After, the right token refused too until the wait is over', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(app, '/admin/leads', { token: WRONG })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const guess = await send(app, '/admin/leads', { token: WRONG });
    expect(guess.status).toBe(429);
    expect(JSON.parse(guess.body)).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
    expect(Number(guess.headers['retry-after'])).toBeGreaterThan(0);

    // The right token from the same address waits too: otherwise the wait would tell a guesser it had won.
    const right = await send(app, '/admin/leads', { token: STRONG_TOKEN });
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    // Bull Board and the scorecard take the same token, and share the wait.
    expect((await send(app, '/admin/queues', { token: STRONG_TOKEN })).status).toBe(429);
    expect((await send(app, '/scorecard.json', { token: STRONG_TOKEN })).status).toBe(429);
    expect((await send(app, '/scorecard/session', { method: 'POST', form: `token=${STRONG_TOKEN}` })).status).toBe(429);

    // Another client is not affected.
    expect((await send(app, '/admin/leads', { token: STRONG_TOKEN, from: '127.0.0.2' })).status).toBe(200);

    now += retryAfter * 1000;
    expect((await send(app, '/admin/leads', { token: STRONG_TOKEN })).status).toBe(200);
  });

  it('waits longer after each further wrong token', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await send(app, '/admin/leads', { token: WRONG });
      expect(refused.status).toBe(401);
      const wait = Number(refused.headers['retry-after'] ?? 0);
      waits.push(wait);
      now += wait * 1000;
    }
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8]);
  });

  it('counts each wrong token in /metrics and logs it at warn, without the token', async () => {
    for (let i = 0; i < 3; i++) await send(app, '/admin/leads', { token: `${WRONG.slice(1)}${i}` });
    await send(app, '/scorecard/session', { method: 'POST', form: 'token=not-the-token-0123456789abcdef' });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('leadpact_admin_auth_failures_total{door="bearer"} 3');
    expect(metrics).toContain('leadpact_admin_auth_failures_total{door="sign_in"} 1');

    const warnings = app.lines.filter((line) => line.msg === 'admin token refused');
    expect(warnings).toHaveLength(4);
    expect(warnings.every((line) => line.level === 40 && line.client === '127.0.0.1')).toBe(true);
    expect(app.output()).not.toMatch(/fffffffff|not-the-token/);
  });

  it('the sign-in form is slowed down the same way', async () => {
    for (let i = 0; i < 5; i++) await send(app, '/scorecard/session', { method: 'POST', form: `token=wrong${i}` });
    const page = await send(app, '/scorecard/session', { method: 'POST', form: `token=${STRONG_TOKEN}` });
    expect(page.status).toBe(429);
    expect(page.headers['retry-after']).toBe('1');
    expect(page.body).toContain('Too many wrong tokens from this address');
  });
});
