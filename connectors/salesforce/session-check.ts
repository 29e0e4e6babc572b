import { createHash } from 'node:crypto';
import { z } from 'zod';
import { crmError } from './classify-error';
import { factsOf } from './salesforce-http';

/**
 * Checks an outbound message's SessionId: live, and of our organization. It is asked of the instance
 * leadpact is connected to, never of a URL the message names (that would let the sender answer),
 * through the OpenID Connect UserInfo endpoint, which names the session's organization.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm
 * Verified ids are remembered by their hash for a while, so a burst of messages costs one call.
 */

export interface SessionCheckOptions {
  readonly instanceUrl: () => string;
  /** leadpact's own access token, to learn its organization when the grant did not name it. */
  readonly ownToken: () => string | undefined;
  /** Our organization, when the grant named it. */
  readonly ownOrgId: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
}

const userInfoSchema = z.looseObject({ organization_id: z.string().min(15) });

const REMEMBER_MS = 15 * 60_000;
const REMEMBERED = 200;

function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/** A function telling whether a session id belongs to our org; throws a CrmError when Salesforce cannot say. */
export function sessionChecker(options: SessionCheckOptions): (sessionId: string) => Promise<boolean> {
  const verified = new Map<string, number>();
  let ownOrg = options.ownOrgId;

  async function organizationOf(token: string): Promise<string | null> {
    let response: Response;
    try {
      response = await fetch(`${options.instanceUrl().replace(/\/+$/, '')}/services/oauth2/userinfo`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw crmError(factsOf(error), 'verifySession', error);
    }
    if (response.status === 401 || response.status === 403) return null;
    const body: unknown = await response.json().catch(() => undefined);
    const info = userInfoSchema.safeParse(body);
    if (!response.ok || !info.success)
      throw crmError({ status: response.status, timedOut: false }, 'verifySession', undefined);
    return info.data.organization_id;
  }

  return async (sessionId) => {
    const key = hashOf(sessionId);
    const until = verified.get(key);
    if (until !== undefined && until > options.now()) return true;
    ownOrg ??= await organizationOf(options.ownToken() ?? '');
    const theirs = await organizationOf(sessionId);
    if (ownOrg === null || theirs === null || theirs.slice(0, 15) !== ownOrg.slice(0, 15)) return false;
    if (verified.size >= REMEMBERED) verified.delete(verified.keys().next().value ?? '');
    verified.set(key, options.now() + REMEMBER_MS);
    return true;
  };
}
