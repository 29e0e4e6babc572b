import { Connection } from 'jsforce';
import {
  API_VERSION,
  grantLeadpactAccess,
  passwordConnection,
  rejection,
  signAssertion,
  tokenConnection,
  useSimulator,
} from './support';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('Salesforce simulator: OAuth 2.0 token endpoint with jsforce', () => {
  const sim = useSimulator({ orgId: '00D5g000004AbCd' });

  function oauthConnection(overrides: { clientSecret?: string; clientId?: string } = {}): Connection {
    const { clientId, clientSecret } = sim().credentials;
    return new Connection({
      loginUrl: sim().url,
      version: API_VERSION,
      oauth2: {
        clientId: overrides.clientId ?? clientId,
        clientSecret: overrides.clientSecret ?? clientSecret,
        loginUrl: sim().url,
      },
    });
  }

  function jwtClaims(overrides: Record<string, unknown> = {}) {
    return {
      iss: sim().credentials.clientId,
      sub: sim().credentials.username,
      aud: sim().url,
      exp: Math.floor(Date.now() / 1000) + 180,
      ...overrides,
    };
  }

  it('logs in with the username-password grant and answers as the integration user of the org', async () => {
    const conn = await passwordConnection(sim());
    expect(conn.instanceUrl).toBe(sim().url);
    expect(conn.userInfo).toEqual(
      expect.objectContaining({ organizationId: '00D5g000004AbCdEAK', id: sim().defaults().integrationUserId }),
    );
    expect(conn.accessToken).toMatch(/^00D5g000004AbCd!AQ/);
    const identity = await conn.identity();
    expect(identity.username).toBe(sim().credentials.username);
  });

  it.each([
    ['a wrong password', {}, 'wrong-password', 'invalid_grant', 'authentication failure'],
    ['an unknown client id', { clientId: 'nope' }, undefined, 'invalid_client_id', 'client identifier invalid'],
    ['a wrong client secret', { clientSecret: 'nope' }, undefined, 'invalid_client', 'invalid client credentials'],
  ])('refuses %s with the documented error body', async (_case, overrides, password, error, description) => {
    const conn = oauthConnection(overrides);
    const failure = await rejection(conn.login(sim().credentials.username, password ?? sim().credentials.password));
    expect(failure.name).toBe(error);
    expect(failure.message).toBe(description);
  });

  it('grants client credentials to the connected app as its run-as user', async () => {
    const conn = oauthConnection();
    const user = await conn.authorize({ grant_type: 'client_credentials' });
    expect(user.id).toBe(sim().defaults().integrationUserId);
    expect((await conn.query('SELECT Id FROM User WHERE IsActive = true')).totalSize).toBeGreaterThan(1);
  });

  it('grants a JWT bearer assertion signed by the configured certificate', async () => {
    const conn = new Connection({ loginUrl: sim().url, version: API_VERSION });
    const user = await conn.authorize({ grant_type: JWT_GRANT, assertion: signAssertion(jwtClaims()) });
    expect(user.organizationId).toBe('00D5g000004AbCdEAK');
    grantLeadpactAccess(sim());
    expect((await conn.sobject('Lead').create({ LastName: 'Jwt', Company: 'Signed' })).success).toBe(true);
  });

  it.each([
    [
      'a tampered signature',
      () => `${signAssertion(jwtClaims()).slice(0, -4)}AAAA`,
      'invalid_grant',
      'invalid assertion',
    ],
    [
      'an expired assertion',
      () => signAssertion(jwtClaims({ exp: Math.floor(Date.now() / 1000) - 10 })),
      'invalid_grant',
      'invalid assertion',
    ],
    [
      'another audience',
      () => signAssertion(jwtClaims({ aud: 'https://example.com' })),
      'invalid_grant',
      'audience is invalid',
    ],
    [
      'another issuer',
      () => signAssertion(jwtClaims({ iss: 'someone-else' })),
      'invalid_client_id',
      'client identifier invalid',
    ],
    [
      'an unknown user',
      () => signAssertion(jwtClaims({ sub: 'nobody@example.com' })),
      'invalid_grant',
      "user hasn't approved this consumer",
    ],
  ])('refuses a JWT with %s', async (_case, assertion, error, description) => {
    const conn = new Connection({ loginUrl: sim().url, version: API_VERSION });
    const failure = await rejection(conn.authorize({ grant_type: JWT_GRANT, assertion: assertion() }));
    expect([failure.name, failure.message]).toEqual([error, description]);
  });

  it('answers 401 INVALID_SESSION_ID to a session that has expired, when no refresh is possible', async () => {
    const conn = tokenConnection(sim());
    sim().expireSessions();
    const failure = await rejection(conn.query('SELECT Id FROM Lead'));
    expect(failure.errorCode).toBe('INVALID_SESSION_ID');
    expect(failure.message).toBe('Session expired or invalid');
  });

  it("lets jsforce's own session refresh log in again after expiry and replay the request", async () => {
    const conn = await passwordConnection(sim());
    const refreshed = jest.fn();
    conn.on('refresh', refreshed);
    const before = conn.accessToken;
    sim().expireSessions();
    const result = await conn.query('SELECT Id FROM User');
    expect(result.totalSize).toBeGreaterThan(0);
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(conn.accessToken).not.toBe(before);
  });

  it('refreshes with the refresh_token grant when jsforce holds a refresh token', async () => {
    const { clientId, clientSecret } = sim().credentials;
    const conn = new Connection({
      instanceUrl: sim().url,
      version: API_VERSION,
      accessToken: sim().mintAccessToken(),
      refreshToken: sim().mintRefreshToken(),
      oauth2: { clientId, clientSecret, loginUrl: sim().url },
    });
    sim().expireSessions();
    const refreshed = new Promise((resolve) => conn.on('refresh', resolve));
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
    await expect(refreshed).resolves.toEqual(expect.stringMatching(/!AQ/));
  });

  it('revokes a session', async () => {
    const conn = await passwordConnection(sim());
    const token = conn.accessToken ?? '';
    await conn.logout();
    const stale = new Connection({ instanceUrl: sim().url, accessToken: token, version: API_VERSION });
    expect((await rejection(stale.query('SELECT Id FROM Lead'))).errorCode).toBe('INVALID_SESSION_ID');
  });
});

describe('Salesforce simulator: session timeout', () => {
  let now = Date.parse('2024-06-01T09:00:00Z');
  const sim = useSimulator({ sessionTtlMs: 2 * 60 * 60_000, clock: () => now });

  it('expires a session after the timeout, and jsforce logs in again by itself', async () => {
    const conn = await passwordConnection(sim());
    const refreshed = jest.fn();
    conn.on('refresh', refreshed);
    now += 60 * 60_000;
    await conn.query('SELECT Id FROM User');
    expect(refreshed).not.toHaveBeenCalled();
    now += 61 * 60_000;
    await conn.query('SELECT Id FROM User');
    expect(refreshed).toHaveBeenCalledTimes(1);
  });
});
