import { z } from 'zod';
import { invalidAuthentication } from './hubspot-errors';
import { parseBody } from './route-helpers';
import type { ScopeGrant } from './scopes';
import type { SimContext } from './sim-context';
import { json, type Route } from './sim-http';

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
  ];
}
