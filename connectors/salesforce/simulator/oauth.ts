import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { reply, type Reply } from './reply';
import type { SessionStore } from './sessions';

/**
 * The OAuth 2.0 token endpoint: username-password, refresh token, client credentials and JWT
 * bearer grants. Errors are {error, error_description} with HTTP 400, as documented.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
 */

export interface OAuthCredentials {
  readonly orgId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
  /** Appended to the password by API clients outside trusted IP ranges. */
  readonly securityToken: string;
  /** The certificate (or public key) the connected app verifies JWT assertions with. */
  readonly jwtCertificatePem: string | undefined;
}

export interface OAuthDeps {
  readonly credentials: OAuthCredentials;
  readonly sessions: SessionStore;
  readonly baseUrl: () => string;
  readonly now: () => number;
  /** The active user with this username. */
  readonly userByUsername: (username: string) => string | undefined;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

const jwtHeader = z.object({ alg: z.string() });
const jwtClaims = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
});

function oauthError(error: string, description: string): Reply {
  return reply(400, { error, error_description: description });
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function granted(deps: OAuthDeps, userId: string, scope: string, refreshToken?: string): Reply {
  const issuedAt = String(deps.now());
  const id = `${deps.baseUrl()}/id/${deps.credentials.orgId}/${userId}`;
  // signature: Base64 HMAC-SHA256 of id + issued_at keyed by the client secret.
  const signature = createHmac('sha256', deps.credentials.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  const body: Record<string, string> = {
    access_token: deps.sessions.mint(userId),
    instance_url: deps.baseUrl(),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature,
    scope,
  };
  if (refreshToken !== undefined) body['refresh_token'] = refreshToken;
  return reply(200, body);
}

function checkClient(deps: OAuthDeps, form: URLSearchParams, secretRequired: boolean): Reply | undefined {
  if (form.get('client_id') !== deps.credentials.clientId)
    return oauthError('invalid_client_id', 'client identifier invalid');
  const secret = form.get('client_secret');
  if ((secretRequired || secret !== null) && !sameSecret(secret, deps.credentials.clientSecret))
    return oauthError('invalid_client', 'invalid client credentials');
  return undefined;
}

function passwordGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const clientProblem = checkClient(deps, form, true);
  if (clientProblem !== undefined) return clientProblem;
  const { username, password, securityToken } = deps.credentials;
  const given = form.get('password');
  const passwordOk = sameSecret(given, password) || sameSecret(given, password + securityToken);
  const userId = form.get('username') === username ? deps.userByUsername(username) : undefined;
  if (!passwordOk || userId === undefined) return oauthError('invalid_grant', 'authentication failure');
  return granted(deps, userId, 'api');
}

function refreshGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const clientProblem = checkClient(deps, form, false);
  if (clientProblem !== undefined) return clientProblem;
  const userId = deps.sessions.refreshUser(form.get('refresh_token') ?? '');
  if (userId === undefined) return oauthError('invalid_grant', 'expired access/refresh token');
  return granted(deps, userId, 'api refresh_token');
}

function clientCredentialsGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const clientProblem = checkClient(deps, form, true);
  if (clientProblem !== undefined) return clientProblem;
  // The connected app's "Run As" user: the integration user.
  const userId = deps.userByUsername(deps.credentials.username);
  if (userId === undefined) return oauthError('invalid_grant', 'no client credentials user enabled');
  return granted(deps, userId, 'api');
}

function decodePart<T>(schema: z.ZodType<T>, part: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function publicKey(pem: string | undefined): KeyObject | undefined {
  if (pem === undefined) return undefined;
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
}

function jwtGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const parts = (form.get('assertion') ?? '').split('.');
  const header = decodePart(jwtHeader, parts[0]);
  const claims = decodePart(jwtClaims, parts[1]);
  const key = publicKey(deps.credentials.jwtCertificatePem);
  if (parts.length !== 3 || header?.alg !== 'RS256' || claims === undefined || key === undefined)
    return oauthError('invalid_grant', 'invalid assertion');
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${parts[0] ?? ''}.${parts[1] ?? ''}`),
    key,
    Buffer.from(parts[2] ?? '', 'base64url'),
  );
  if (!signed) return oauthError('invalid_grant', 'invalid assertion');
  if (claims.iss !== deps.credentials.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (
    !audiences.some((aud) => aud.replace(/\/+$/, '') === deps.baseUrl() || AUDIENCES.includes(aud.replace(/\/+$/, '')))
  )
    return oauthError('invalid_grant', 'audience is invalid');
  if (claims.exp * 1000 <= deps.now()) return oauthError('invalid_grant', 'invalid assertion');
  const userId = deps.userByUsername(claims.sub);
  if (userId === undefined) return oauthError('invalid_grant', "user hasn't approved this consumer");
  return granted(deps, userId, 'api');
}

/**
 * The token request's form, with client credentials sent in an HTTP Basic header moved into it:
 * "the client can authenticate with HTTP Basic" (RFC 6749 §2.3.1; Salesforce's client credentials
 * flow accepts the consumer key and secret either way). Each half is form-urlencoded first.
 */
export function tokenForm(body: Buffer, authorization: string | undefined): URLSearchParams {
  const form = new URLSearchParams(body.toString('utf8'));
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic === null || form.has('client_id')) return form;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return form;
  const unescape = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  try {
    form.set('client_id', unescape(decoded.slice(0, colon)));
    form.set('client_secret', unescape(decoded.slice(colon + 1)));
  } catch {
    return form;
  }
  return form;
}

export function tokenEndpoint(deps: OAuthDeps, form: URLSearchParams): Reply {
  switch (form.get('grant_type')) {
    case 'password':
      return passwordGrant(deps, form);
    case 'refresh_token':
      return refreshGrant(deps, form);
    case 'client_credentials':
      return clientCredentialsGrant(deps, form);
    case JWT_GRANT:
      return jwtGrant(deps, form);
    default:
      return oauthError('unsupported_grant_type', 'grant type not supported');
  }
}

export function revokeEndpoint(sessions: SessionStore, form: URLSearchParams): Reply {
  return sessions.revoke(form.get('token') ?? '')
    ? reply(200)
    : oauthError('unsupported_token_type', 'this token type is not supported');
}
