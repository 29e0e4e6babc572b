import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as SalesforceCore from '@salesforce/core';
import { API_VERSION, useSimulator } from '../../contract/salesforce/support';

/**
 * @salesforce/core (the library behind the Salesforce CLI), unmodified, logging in to the simulator
 * and using the connection it builds. Its AuthInfo reads the user from /services/oauth2/userinfo
 * and the User record, and the org from a query on Organization, as it does against a real org.
 */

type Core = typeof SalesforceCore;

const JWT_KEY_FILE = join(__dirname, '..', '..', 'contract', 'salesforce', 'fixtures', 'jwt-key.pem');

const HOME_PREFIX = 'leadpact-sfcore-';

/** Throwaway homes of earlier runs, once their workers are long gone. */
function clearEarlierHomes(): void {
  const hourAgo = Date.now() - 60 * 60_000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith(HOME_PREFIX) && statSync(path).mtimeMs < hourAgo)
      rmSync(path, { recursive: true, force: true });
  }
}

describe('Salesforce simulator with @salesforce/core', () => {
  const sim = useSimulator();
  let core: Core;
  let home: string;
  const logFile = process.env['SF_DISABLE_LOG_FILE'];

  beforeAll(async () => {
    // The library keeps its state (aliases, auth files) under the home folder: a throwaway one, so no
    // real auth is read or touched. Jest gives tests a copy of process.env, so HOME cannot say it.
    clearEarlierHomes();
    home = mkdtempSync(join(tmpdir(), HOME_PREFIX));
    jest.spyOn(os, 'homedir').mockReturnValue(home);
    // The library creates its files when a read fails with ENOENT, which it recognises with
    // `instanceof Error`: false for Node's own errors inside Jest's sandbox. So they exist already.
    for (const dir of ['.sfdx', '.sf']) mkdirSync(join(home, dir), { recursive: true });
    writeFileSync(join(home, '.sfdx', 'alias.json'), JSON.stringify({ orgs: {} }));
    for (const file of ['.sf/config.json', '.sfdx/sfdx-config.json']) writeFileSync(join(home, file), '{}');
    process.env['SF_DISABLE_LOG_FILE'] = 'true';
    core = await import('@salesforce/core');
    sim().reset();
    for (const username of [sim().credentials.username, adminUsername()])
      writeFileSync(join(home, '.sfdx', `${username}.json`), '{}');
  });

  afterAll(() => {
    jest.restoreAllMocks();
    if (logFile === undefined) delete process.env['SF_DISABLE_LOG_FILE'];
    else process.env['SF_DISABLE_LOG_FILE'] = logFile;
    // The folder stays: the library keeps touching a lock file in it until the worker exits, and
    // removing it now would make that timer throw in the next test file. The next run clears it.
  });

  // The org's administrator, who reads and writes Leads (the integration user is granted them by provisioning).
  function adminUsername(): string {
    const admin = sim()
      .records('User')
      .find((user) => user['Id'] === sim().defaults().adminUserId);
    return String(admin?.['Username']);
  }

  /** One login from an access token for the file: each AuthInfo writes its state to disk, under locks. */
  let tokenAuthInfo: Promise<InstanceType<Core['AuthInfo']>> | undefined;
  function tokenAuth() {
    const accessToken = sim().mintAccessToken(sim().defaults().adminUserId);
    tokenAuthInfo ??= core.AuthInfo.create({
      accessTokenOptions: { accessToken, instanceUrl: sim().url, loginUrl: sim().url },
    });
    return tokenAuthInfo;
  }

  /** The simulator's API version, so the library does not look up the newest and cache it on disk. */
  function connect(authInfo: InstanceType<Core['AuthInfo']>) {
    return core.Connection.create({ authInfo, connectionOptions: { version: API_VERSION } });
  }

  it('logs in from an access token (userinfo, User and Organization)', async () => {
    const auth = await tokenAuth();
    expect(auth.getUsername()).toBe(adminUsername());
    expect(auth.getFields().orgId).toBe(sim().credentials.orgId);
  });

  it('queries through the Connection it builds', async () => {
    const conn = await connect(await tokenAuth());
    await conn.sobject('Lead').create({ LastName: 'Core', Company: 'CLI Co' });
    const result = await conn.query<{ LastName: string }>("SELECT Id, LastName FROM Lead WHERE Company = 'CLI Co'");
    expect(result.records.map((r) => r.LastName)).toEqual(['Core']);
  });

  it('reads the organization with singleRecordQuery', async () => {
    const conn = await connect(await tokenAuth());
    const org = await conn.singleRecordQuery<{ Id: string; IsSandbox: boolean }>(
      'SELECT Id, Name, IsSandbox, OrganizationType FROM Organization',
    );
    expect(org.IsSandbox).toBe(false);
  });

  it('queries the Tooling API through the Connection', async () => {
    const conn = await connect(await tokenAuth());
    const fields = await conn.tooling.query('SELECT Id, DeveloperName FROM CustomField');
    expect(fields.done).toBe(true);
  });

  it('logs in with the JWT bearer flow', async () => {
    // A user the file has not logged in yet: the library refuses to overwrite a stored login.
    const { clientId } = sim().credentials;
    const rep = sim()
      .defaults()
      .userIds.find((id) => id !== sim().defaults().adminUserId && id !== sim().defaults().integrationUserId);
    const username = String(
      sim()
        .records('User')
        .find((user) => user['Id'] === rep)?.['Username'],
    );
    const auth = await core.AuthInfo.create({
      username,
      oauth2Options: { clientId, loginUrl: sim().url, privateKeyFile: JWT_KEY_FILE },
    });
    expect(auth.getFields().accessToken).toEqual(expect.any(String));
    const conn = await connect(auth);
    expect((await conn.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
  });

  it('logs in with a refresh token', async () => {
    const { clientId, clientSecret } = sim().credentials;
    const auth = await core.AuthInfo.create({
      oauth2Options: { clientId, clientSecret, loginUrl: sim().url, refreshToken: sim().mintRefreshToken() },
    });
    expect(auth.getUsername()).toBe(sim().credentials.username);
  });
});
