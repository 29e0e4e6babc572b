import { hubSpotError, invalidAuthentication } from './hubspot-errors';
import type { HubSpotSimulatorCredentials } from './sim-context';
import type { Actor, RouteKind, SimResponse } from './sim-http';

/**
 * CRM endpoints take a private-app token as `Authorization: Bearer`; the webhooks v3 API takes the
 * developer API key as the `hapikey` query parameter (what @hubspot/api-client sends for each).
 */
export function authenticate(
  kind: RouteKind,
  authorization: string | undefined,
  query: URLSearchParams,
  credentials: HubSpotSimulatorCredentials,
): Actor | SimResponse {
  switch (kind) {
    case 'control':
    case 'oauth':
      return { kind: 'anonymous' };
    case 'webhooks':
      return query.get('hapikey') === credentials.developerApiKey
        ? { kind: 'developer' }
        : hubSpotError(
            401,
            'INVALID_AUTHENTICATION',
            'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
          );
    case 'crm':
    case 'search': {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (token === credentials.accessToken) return { kind: 'app', token };
      if (token === credentials.uiUserToken) return { kind: 'user', userId: credentials.uiUserId };
      return invalidAuthentication();
    }
  }
}

export function isActor(value: Actor | SimResponse): value is Actor {
  return 'kind' in value;
}
