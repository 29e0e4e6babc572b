import type { SimContext } from './sim-context';
import { json, type Route } from './sim-http';

/**
 * GET /account-info/v3/details: the account the token belongs to, with the fields HubSpot documents
 * as always present (https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-account-details).
 * The portal id is the one the simulator stamps on its webhook events; the rest are a plain US account's.
 */
export function accountRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/account-info/v3/details',
      kind: 'crm',
      handler: () =>
        json(200, {
          portalId: ctx.credentials.portalId,
          accountType: 'STANDARD',
          timeZone: 'US/Eastern',
          companyCurrency: 'USD',
          additionalCurrencies: [],
          utcOffset: '-05:00',
          utcOffsetMilliseconds: -18_000_000,
          uiDomain: 'app.hubspot.com',
          dataHostingLocation: 'na1',
        }),
    },
  ];
}
