import { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { z } from 'zod';
import type { createHubSpotClient } from './hubspot-client';
import type { Call } from './provision';

/**
 * The account a private app's token belongs to: GET /account-info/v3/details answers
 * { portalId, accountType, timeZone, companyCurrency, ... }
 * (https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-account-details).
 * Only the portal id is read.
 */
const accountDetailsSchema = z.looseObject({ portalId: z.number().int().positive() });

type Client = ReturnType<typeof createHubSpotClient>['client'];

/**
 * The SDK generates no client for the account-info API, so this goes through its raw `apiRequest`,
 * which never throws on a status: a failure is turned into the ApiException the codegen APIs throw,
 * so the one HubSpot classifier reads it like any other.
 */
export async function readPortalId(client: Client, call: Call): Promise<string> {
  return call('account.details', async () => {
    const response = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const headers = Object.fromEntries(response.headers.entries());
      throw new ApiException(response.status, `HubSpot answered ${response.status}`, body, headers);
    }
    return String(accountDetailsSchema.parse(body).portalId);
  });
}
