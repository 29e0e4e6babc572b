import type { DailyAllowance } from './rate-limits';
import type { SimContext } from './sim-context';
import { json, type Route } from './sim-http';

/**
 * GET /account-info/v3/details: the account the token belongs to, with the fields HubSpot documents
 * as always present (https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-account-details).
 * The portal id is the one the simulator stamps on its webhook events; the rest are a plain US account's.
 */
export function accountRoutes(ctx: SimContext, daily: DailyAllowance): Route[] {
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
    // https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-usage-details:
    // the private apps' calls today against the daily limit, which resets at midnight.
    {
      method: 'GET',
      pattern: '/account-info/v3/api-usage/daily/private-apps',
      kind: 'crm',
      handler: () => {
        const now = ctx.clock();
        return json(200, {
          results: [
            {
              name: 'private-apps-api-calls-daily',
              usageLimit: daily.limit,
              currentUsage: daily.limit - daily.remaining(now),
              collectedAt: new Date(now).toISOString(),
              fetchStatus: 'SUCCESS',
              resetsAt: new Date(now + daily.msUntilReset(now)).toISOString(),
            },
          ],
        });
      },
    },
  ];
}
