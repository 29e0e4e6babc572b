import { z } from 'zod';
import { invalidAuthentication, notFound } from './hubspot-errors';
import { parseBody } from './route-helpers';
import type { ScopeGrant } from './scopes';
import type { SimContext } from './sim-context';
import { json, type Route, type SimResponse } from './sim-http';

const tokenInfoBody = z.object({ tokenKey: z.string() });

/**
 * POST /oauth/v2/private-apps/get/access-token-info, body `{"tokenKey": "<token>"}`: the private
 * app's token metadata, `{userId, hubId, appId, scopes}`, as documented at the end of
 * https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview ("View private app
 * access token information"). The token travels in the body, so the route needs no scope. HubSpot
 * does not document its answer to an unknown token; the simulator answers as for a bad bearer token.
 */
export function tokenInfoRoutes(ctx: SimContext, grant: ScopeGrant): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/oauth/v2/private-apps/get/access-token-info',
      kind: 'oauth',
      handler: (request) => {
        const body = parseBody(tokenInfoBody, request.body);
        if (!body.ok) return body.error;
        if (body.value.tokenKey !== ctx.credentials.accessToken) return invalidAuthentication();
        return json(200, {
          userId: ctx.credentials.uiUserId,
          hubId: ctx.credentials.portalId,
          appId: Number(ctx.credentials.appId),
          scopes: grant.scopes(),
        });
      },
    },
    {
      method: 'GET',
      pattern: '/oauth/v1/access-tokens/:token',
      kind: 'oauth',
      handler: (request) => accessTokenInfo(ctx, grant, request.params['token'] ?? ''),
    },
  ];
}

// A private app's token does not expire; the simulator reports the six hours an OAuth token lasts.
const TOKEN_LIFETIME_S = 21_600;

/**
 * GET /oauth/v1/access-tokens/{token} (OAuth v1 reference, "Retrieve access token metadata"): the
 * token's account, app, user and scopes in snake_case. The token is the credential, so no header is
 * needed; an unknown token is a 404 as for any missing resource.
 */
function accessTokenInfo(ctx: SimContext, grant: ScopeGrant, token: string): SimResponse {
  if (token !== ctx.credentials.accessToken) return notFound('The access token was not found or has expired');
  return json(200, {
    token,
    user: `user${ctx.credentials.uiUserId}@hubspot-simulator.example`,
    hub_domain: `portal-${ctx.credentials.portalId}.hubspot-simulator.example`,
    scopes: grant.scopes(),
    hub_id: ctx.credentials.portalId,
    app_id: Number(ctx.credentials.appId),
    expires_in: TOKEN_LIFETIME_S,
    user_id: ctx.credentials.uiUserId,
    token_type: 'access',
  });
}
