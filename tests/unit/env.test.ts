import { loadEnv } from '../../src/config/env';
import { ConfigError } from '../../src/shared/errors';

function problemsOf(source: Record<string, string>, needs = {}): { path: string; message: string }[] {
  try {
    loadEnv(source, needs);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

describe('loadEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = loadEnv({});
    expect(env.port).toBe(3000);
    expect(env.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toBe('./.leadpact');
    expect(env.protocolFile).toBe('config/protocol.yaml');
    expect(env.hubspot.baseUrl).toBe('https://api.hubapi.com');
    expect(env.salesforce.auth).toBeUndefined();
    expect(Object.isFrozen(env) && Object.isFrozen(env.salesforce)).toBe(true);
  });

  it('reports every bad variable at once, each by name', () => {
    const problems = problemsOf({
      PORT: 'abc',
      REDIS_URL: 'http://x',
      DATABASE_URL: 'mysql://x',
      ADMIN_TOKEN: 'short',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'ADMIN_TOKEN',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
    expect(problems.find((p) => p.path === 'PORT')?.message).toMatch(/port.*"abc"/);
  });

  it('refuses a short or predictable ADMIN_TOKEN, saying how to make one', () => {
    for (const token of ['aaaaaaaaaaaaaaaa', 'x'.repeat(40), '0123456789abcdef0123456789abcdef'])
      expect(problemsOf({ ADMIN_TOKEN: token })).toEqual([
        { path: 'ADMIN_TOKEN', message: expect.stringContaining('openssl rand -hex 32') },
      ]);
    expect(
      loadEnv({ ADMIN_TOKEN: '3f9c1e0a7b2d4c6e8f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c0d2e' }).adminToken,
    ).toHaveLength(64);
  });

  it('trusts no proxy unless TRUST_PROXY names one, and never every one', () => {
    expect(loadEnv({}).trustProxy).toBe(false);
    expect(loadEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([
      { path: 'TRUST_PROXY', message: expect.stringContaining('say which proxies to trust') },
    ]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/99' }).map((p) => p.path)).toEqual(['TRUST_PROXY']);
  });

  it('never echoes a value that could be a secret', () => {
    const problems = problemsOf({ ADMIN_TOKEN: 'hunter2', HUBSPOT_BASE_URL: 'not a url secretvalue' });
    expect(JSON.stringify(problems)).not.toMatch(/hunter2|secretvalue/);
  });

  it('asks for CRM credentials only for commands that talk to the CRMs, together with other problems', () => {
    expect(problemsOf({})).toEqual([]);
    const problems = problemsOf({ PORT: '0' }, { crm: true, webhooks: true }).map((p) => p.path);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT',
        'SALESFORCE_CLIENT_ID',
        'HUBSPOT_ACCESS_TOKEN',
        'HUBSPOT_CLIENT_SECRET',
        'PUBLIC_URL',
        'SALESFORCE_ORG_ID',
      ]),
    );
  });

  it('recognises each Salesforce grant and names the missing half of a pair', () => {
    const base = { SALESFORCE_CLIENT_ID: 'cid', SALESFORCE_CLIENT_SECRET: 'cs' };
    expect(loadEnv(base).salesforce.auth?.kind).toBe('client_credentials');
    expect(loadEnv({ ...base, SALESFORCE_USERNAME: 'u', SALESFORCE_PASSWORD: 'p' }).salesforce.auth?.kind).toBe(
      'password',
    );
    expect(
      loadEnv({ SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: 't' }).salesforce.auth
        ?.kind,
    ).toBe('token');
    const jwt = loadEnv(
      { SALESFORCE_CLIENT_ID: 'c', SALESFORCE_USERNAME: 'u', SALESFORCE_JWT_KEY_FILE: '/k.pem' },
      {},
      () => '-----BEGIN PRIVATE KEY-----\n',
    );
    expect(jwt.salesforce.auth?.kind).toBe('jwt');
    expect(problemsOf({ ...base, SALESFORCE_USERNAME: 'u' }).map((p) => p.path)).toEqual(['SALESFORCE_PASSWORD']);
    expect(problemsOf({ SALESFORCE_ACCESS_TOKEN: 't' }).map((p) => p.path)).toEqual(['SALESFORCE_INSTANCE_URL']);
  });
});
