import type { Org } from './org';
import { reply, type Reply } from './reply';
import { normalizeId } from './schema/ids';
import type { SessionStore } from './sessions';

/**
 * The identity service: the Identity URL a token answer names (/id/{orgId}/{userId}) and the
 * OpenID Connect UserInfo endpoint. Both answer for a live session only (403 Bad_OAuth_Token), and
 * both carry `urls`, the templates clients build their API calls from.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm (Identity URLs)
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm
 */

export interface IdentityDeps {
  readonly org: Org;
  readonly sessions: SessionStore;
}

const IDENTITY_PATH = /^\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})$/;

function caller(deps: IdentityDeps, authorization: string | undefined): string | undefined {
  return deps.sessions.user(/^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
}

/** The `urls` block; {version} stays a placeholder, as documented. */
function urls(baseUrl: string, orgId: string, userId: string): Record<string, string> {
  const data = `${baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${baseUrl}/services/Soap/c/{version}/${orgId.slice(0, 15)}`,
    metadata: `${baseUrl}/services/Soap/m/{version}/${orgId.slice(0, 15)}`,
    partner: `${baseUrl}/services/Soap/u/{version}/${orgId.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${baseUrl}/services/Soap/T/{version}/${orgId.slice(0, 15)}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${baseUrl}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    custom_domain: baseUrl,
  };
}

/** The default profile photo every user without one of their own has. */
function photos(baseUrl: string): { picture: string; thumbnail: string } {
  return { picture: `${baseUrl}/profilephoto/005/F`, thumbnail: `${baseUrl}/profilephoto/005/T` };
}

function userFacts(deps: IdentityDeps, baseUrl: string, userId: string): Record<string, unknown> | undefined {
  const user = deps.org.store.get('User', userId);
  if (user === undefined) return undefined;
  const orgId = deps.org.orgId;
  return {
    user_id: user['Id'],
    organization_id: orgId,
    username: user['Username'],
    display_name: user['Name'],
    email: user['Email'],
    first_name: user['FirstName'],
    last_name: user['LastName'],
    timezone: user['TimeZoneSidKey'],
    active: user['IsActive'],
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    is_app_installed: true,
    photos: photos(baseUrl),
    urls: urls(baseUrl, orgId, String(user['Id'])),
  };
}

/** GET /id/{orgId}/{userId}: any user of the org, for a caller with a live session. */
export function identityUrl(deps: IdentityDeps, baseUrl: string, path: string, authorization?: string): Reply {
  const match = IDENTITY_PATH.exec(path);
  const who = caller(deps, authorization);
  if (who === undefined) return reply(403, 'Bad_OAuth_Token');
  const userId = normalizeId(match?.[2] ?? '');
  const facts = userId === undefined ? undefined : userFacts(deps, baseUrl, userId);
  if (facts === undefined || normalizeId(match?.[1] ?? '') !== deps.org.orgId) return reply(404, 'Bad_Id');
  return reply(200, {
    id: `${baseUrl}/id/${deps.org.orgId}/${String(facts['user_id'])}`,
    asserted_user: who === facts['user_id'],
    ...facts,
    nick_name: facts['username'],
    last_modified_date: new Date(deps.org.now()).toISOString().replace('Z', '+0000'),
  });
}

/** GET /services/oauth2/userinfo: the session's own user, in OpenID Connect claim names. */
export function userInfo(deps: IdentityDeps, baseUrl: string, authorization?: string): Reply {
  const who = caller(deps, authorization);
  const facts = who === undefined ? undefined : userFacts(deps, baseUrl, who);
  if (facts === undefined) return reply(403, 'Bad_OAuth_Token');
  return reply(200, {
    sub: `${baseUrl}/id/${deps.org.orgId}/${String(facts['user_id'])}`,
    user_id: facts['user_id'],
    organization_id: facts['organization_id'],
    preferred_username: facts['username'],
    nickname: facts['username'],
    name: facts['display_name'],
    email: facts['email'],
    email_verified: true,
    given_name: facts['first_name'],
    family_name: facts['last_name'],
    zoneinfo: facts['timezone'],
    active: facts['active'],
    user_type: facts['user_type'],
    language: facts['language'],
    locale: facts['locale'],
    utcOffset: facts['utcOffset'],
    updated_at: new Date(deps.org.now()).toISOString().replace('Z', '+0000'),
    is_app_installed: true,
    picture: photos(baseUrl).picture,
    photos: facts['photos'],
    urls: facts['urls'],
  });
}

export function isIdentityPath(path: string): boolean {
  return path === '/services/oauth2/userinfo' || IDENTITY_PATH.test(path);
}
