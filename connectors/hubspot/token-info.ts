import { z } from 'zod';
import { classifyHubSpotFailure } from './classify-failure';
import { plainHubSpotRequest } from './plain-request';
import { missingScopes, type ScopeNeed, type ScopeOptions } from './required-scopes';

/**
 * What HubSpot says about a private app's token: its account, app and scopes, from
 * POST /oauth/v2/private-apps/get/access-token-info with `{"tokenKey"}` ("View private app access
 * token information", https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview).
 * The call needs no scope, so it works for a token that lacks every other one. One call, so plain
 * fetch; the SDK client stays the connector's alone.
 */
export interface TokenInfo {
  readonly userId: number;
  readonly hubId: number;
  readonly appId: number;
  readonly scopes: readonly string[];
}

export interface TokenInfoOptions {
  readonly accessToken: string;
  /** https://api.hubapi.com, or a simulator's URL. */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const tokenInfoSchema = z.looseObject({
  userId: z.number(),
  hubId: z.number(),
  appId: z.number(),
  scopes: z.array(z.string()),
});

const OPERATION = 'tokenInfo';

/** The token's metadata; a refusal or a network failure throws the classified CrmError. */
export async function readTokenInfo(options: TokenInfoOptions): Promise<TokenInfo> {
  const now = options.now ?? Date.now;
  const body = await plainHubSpotRequest({
    url: `${options.baseUrl.replace(/\/+$/, '')}/oauth/v2/private-apps/get/access-token-info`,
    init: {
      method: 'POST',
      // EU tokens (pat-eu1-…) need the bearer header as well as the body; NA tokens accept either.
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${options.accessToken}`,
      },
      body: JSON.stringify({ tokenKey: options.accessToken }),
    },
    operation: OPERATION,
    now,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const info = tokenInfoSchema.safeParse(body);
  if (!info.success) throw classifyHubSpotFailure(info.error, now(), OPERATION);
  return { userId: info.data.userId, hubId: info.data.hubId, appId: info.data.appId, scopes: info.data.scopes };
}

/** The scopes the token carries. */
export async function tokenScopes(options: TokenInfoOptions): Promise<readonly string[]> {
  return (await readTokenInfo(options)).scopes;
}

/** The scopes leadpact needs that the token lacks, each with why it is needed (empty: all there). */
export async function missingTokenScopes(
  options: TokenInfoOptions,
  scopeOptions: ScopeOptions = {},
): Promise<readonly ScopeNeed[]> {
  return missingScopes(await tokenScopes(options), scopeOptions);
}
