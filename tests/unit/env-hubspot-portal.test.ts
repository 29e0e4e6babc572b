import { loadEnv } from '../../src/config/env';
import { ConfigError } from '../../src/shared/errors';

const webhooks = {
  PUBLIC_URL: 'https://leadpact.example.com',
  HUBSPOT_CLIENT_SECRET: 'secret',
  SALESFORCE_ORG_ID: '00D000000000001',
};

function problemPaths(source: Record<string, string>): string[] {
  try {
    loadEnv(source, { webhooks: true });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.path);
    throw error;
  }
  return [];
}

describe('HUBSPOT_PORTAL_ID', () => {
  it('is read as the account whose webhook events are accepted', () => {
    expect(loadEnv({ ...webhooks, HUBSPOT_PORTAL_ID: '62515' }, { webhooks: true }).hubspot.portalId).toBe('62515');
  });

  it('may be left to the access token, but the ingress needs one of the two', () => {
    expect(problemPaths({ ...webhooks, HUBSPOT_ACCESS_TOKEN: 'pat-na1-x' })).toEqual([]);
    expect(problemPaths(webhooks)).toEqual(['HUBSPOT_PORTAL_ID']);
  });

  it('refuses a value that is not a number, and shows it', () => {
    const problems = (() => {
      try {
        loadEnv({ HUBSPOT_PORTAL_ID: 'acme' });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
      }
      return [];
    })();
    expect(problems).toEqual([{ path: 'HUBSPOT_PORTAL_ID', message: expect.stringContaining('(got "acme")') }]);
  });
});
