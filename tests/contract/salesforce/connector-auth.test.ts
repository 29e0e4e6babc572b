import { CrmError } from '../../../src/shared/errors';
import { salesforceId } from '../../../src/shared/ids';
import {
  API_VERSION,
  authFor,
  connectorFor,
  rejection,
  useSimulator,
  type AuthKind,
  grantLeadpactAccess,
} from './support';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';

describe('Salesforce connector: authentication and session refresh', () => {
  const sim = useSimulator();

  beforeEach(() => {
    sim().reset();
    grantLeadpactAccess(sim());
  });

  it.each<AuthKind>(['password', 'jwt', 'client_credentials'])(
    'authenticates with the %s grant and renews the session after it expires',
    async (kind) => {
      const connector = await connectorFor(sim(), kind);
      expect(await connector.retrieve('Lead', [salesforceId('00Q5g00000ZZZZZ')], ['LastName'])).toEqual([]);
      sim().expireSessions();
      expect(await connector.findPeopleByEmail(['nobody@example.com'])).toEqual([]);
      expect(sim().calls().byRoute['POST /services/oauth2/token']).toBe(2);
      // The grant names the user leadpact acts as, so its own records can be told from Sales' work.
      expect(connector.integrationUser()).toBe(sim().defaults().integrationUserId);
      await connector.close();
    },
  );

  it('works with a session id (token auth), and reports CRM_AUTH_FAILED once it expires, as nothing can renew it', async () => {
    const connector = await connectorFor(sim(), 'token');
    expect(await connector.findAccountsByDomain(['example.com'])).toEqual([]);
    expect(connector.integrationUser()).toBeNull();
    sim().expireSessions();
    const failure = await rejection(connector.findAccountsByDomain(['example.com']));
    expect(failure).toBeInstanceOf(CrmError);
    expect(failure).toMatchObject({
      code: 'CRM_AUTH_FAILED',
      retryable: false,
      vendorCode: 'INVALID_SESSION_ID',
      httpStatus: 401,
    });
  });

  it.each([
    ['a wrong password', () => ({ ...authFor(sim(), 'password'), password: 'wrong' }), 'invalid_grant'],
    [
      'a wrong client secret',
      () => ({ ...authFor(sim(), 'client_credentials'), clientSecret: 'wrong' }),
      'invalid_client',
    ],
    [
      'a user the connected app does not know',
      () => ({ ...authFor(sim(), 'jwt'), username: 'someone@else.test' }),
      'invalid_grant',
    ],
  ])('refuses %s with CRM_AUTH_FAILED and no secret in the message', async (_case, auth, vendorCode) => {
    const failure = await rejection(
      createSalesforceConnector({ auth: auth(), loginUrl: sim().url, apiVersion: API_VERSION }),
    );
    expect(failure).toMatchObject({ code: 'CRM_AUTH_FAILED', retryable: false, vendorCode });
    expect(failure.message).not.toContain(sim().credentials.clientSecret);
    expect(failure.message).not.toContain(sim().credentials.password);
  });
});
