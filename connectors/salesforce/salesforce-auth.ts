import { sign } from 'node:crypto';
import { Connection } from 'jsforce';
import type { SalesforceAuth } from '../../src/config/env';
import { toCrmError } from './salesforce-http';

/**
 * A jsforce connection for each of leadpact's grants, each able to renew its session when the
 * API answers 401 INVALID_SESSION_ID (jsforce then replays the request):
 * - password: jsforce's login() installs its own re-login;
 * - jwt and client_credentials: a refresh function that asks for a new token the same way;
 * - token: a fixed session, which cannot be renewed (a 401 becomes CRM_AUTH_FAILED).
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// The assertion's exp may be at most a few minutes ahead.
const ASSERTION_LIFETIME_S = 180;

export interface ConnectionSettings {
  readonly auth: SalesforceAuth;
  readonly loginUrl: string;
  readonly apiVersion: string;
  readonly now: () => number;
}

/** An RS256-signed JWT bearer assertion: iss = consumer key, sub = username, aud = login URL. */
export function jwtAssertion(
  clientId: string,
  username: string,
  audience: string,
  privateKey: string,
  now: number,
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode({ iss: clientId, sub: username, aud: audience, exp: Math.floor(now / 1000) + ASSERTION_LIFETIME_S })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/**
 * The assertion's audience: login.salesforce.com, or test.salesforce.com for sandboxes, also when
 * the login URL is a My Domain; any other login URL (the simulator) is its own audience.
 */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com'))
    return 'https://test.salesforce.com';
  if (host === 'login.salesforce.com' || host.endsWith('.my.salesforce.com')) return 'https://login.salesforce.com';
  return loginUrl;
}

type Grant = (conn: Connection) => Promise<unknown>;

/** jsforce's refresh hook: fetch a new token with the same grant, then hand jsforce the session id. */
function refreshWith(grant: Grant) {
  return (conn: Connection, callback: (error: Error | null, accessToken?: string) => void): void => {
    grant(conn).then(
      () => callback(null, conn.accessToken ?? undefined),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

function grantConnection(
  settings: ConnectionSettings,
  grant: Grant,
  oauth2?: { clientId: string; clientSecret: string },
): Connection {
  const base = { loginUrl: settings.loginUrl, version: settings.apiVersion, refreshFn: refreshWith(grant) };
  return new Connection(oauth2 === undefined ? base : { ...base, oauth2: { ...oauth2, loginUrl: settings.loginUrl } });
}

async function establish(settings: ConnectionSettings): Promise<Connection> {
  const { auth } = settings;
  switch (auth.kind) {
    case 'token':
      return new Connection({
        instanceUrl: auth.instanceUrl,
        accessToken: auth.accessToken,
        version: settings.apiVersion,
      });
    case 'password': {
      const conn = new Connection({
        loginUrl: settings.loginUrl,
        version: settings.apiVersion,
        oauth2: { clientId: auth.clientId, clientSecret: auth.clientSecret, loginUrl: settings.loginUrl },
      });
      await conn.login(auth.username, auth.password);
      return conn;
    }
    case 'jwt': {
      const grant: Grant = (c) =>
        c.authorize({
          grant_type: JWT_GRANT,
          assertion: jwtAssertion(
            auth.clientId,
            auth.username,
            jwtAudience(settings.loginUrl),
            auth.privateKey,
            settings.now(),
          ),
        });
      const conn = grantConnection(settings, grant);
      await grant(conn);
      return conn;
    }
    case 'client_credentials': {
      const grant: Grant = (c) => c.authorize({ grant_type: 'client_credentials' });
      const conn = grantConnection(settings, grant, { clientId: auth.clientId, clientSecret: auth.clientSecret });
      await grant(conn);
      return conn;
    }
  }
}

/** An authenticated connection, or a CrmError (CRM_AUTH_FAILED for refused credentials). */
export async function openConnection(settings: ConnectionSettings): Promise<Connection> {
  try {
    return await establish(settings);
  } catch (error) {
    throw toCrmError(error, `${settings.auth.kind} authentication`);
  }
}
