import { createServer } from 'node:net';
import { DEFAULT_SALESFORCE_FIELDS } from '../../../src/app/provision-specs';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { CrmError } from '../../../src/shared/errors';
import { salesforceId } from '../../../src/shared/ids';
import {
  API_VERSION,
  connectorFor,
  grantLeadpactAccess,
  rejection,
  startSalesforceSimulatorFor,
  useSimulator,
} from './support';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';

const CURSOR = { since: '2024-01-01T00:00:00.000Z', afterId: null };
const LEAD = { fields: { HubSpot_Contact_Id__c: '1', LastName: 'A', Company: 'B' } };

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await rejection(promise);
  if (!(error instanceof CrmError)) throw new Error(`expected a CrmError, got ${error.name}: ${error.message}`);
  return error;
}

describe('Salesforce connector: every failure becomes a classified CrmError', () => {
  const sim = useSimulator({ dailyApiLimit: 1000 });
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim(), 'password', { requestTimeoutMs: 300 });
  });

  beforeEach(async () => {
    sim().reset();
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
  });

  it('reports a 503 on a read as CRM_UNAVAILABLE after one request: jsforce does not retry it behind our back', async () => {
    sim().setFaults({ fail: [{ route: 'GET /queryAll', status: 503, times: 10 }] });
    const error = await failure(connector.readChanges('Lead', CURSOR, [], 10));
    expect(error).toMatchObject({
      code: 'CRM_UNAVAILABLE',
      retryable: true,
      httpStatus: 503,
      vendorCode: 'SERVER_UNAVAILABLE',
    });
    expect(sim().calls().byRoute['GET /queryAll']).toBe(1);
  });

  it.each([
    [500, 'UNKNOWN_EXCEPTION'],
    [502, 'ERROR_HTTP_502'],
  ])('reports a %s on a write as CRM_UNAVAILABLE', async (status, vendorCode) => {
    sim().setFaults({ fail: [{ route: 'PATCH /composite/sobjects/:type/:field', status: status as 500 | 502 }] });
    expect(await failure(connector.upsert('Lead', 'HubSpot_Contact_Id__c', [LEAD]))).toMatchObject({
      code: 'CRM_UNAVAILABLE',
      retryable: true,
      httpStatus: status,
      vendorCode,
    });
  });

  it('reports a request that gets no answer in time as CRM_TIMEOUT', async () => {
    sim().setFaults({ timeout: [{ route: 'POST /composite/sobjects/:type' }] });
    expect(await failure(connector.retrieve('Lead', [salesforceId('00Q5g00000ZZZZZ')], ['LastName']))).toMatchObject({
      code: 'CRM_TIMEOUT',
      retryable: true,
    });
  });

  it('reports an answer slower than the request timeout as CRM_TIMEOUT', async () => {
    sim().setFaults({ latencyMs: 600 });
    expect(await failure(connector.findAccountsByDomain(['slow.test']))).toMatchObject({
      code: 'CRM_TIMEOUT',
      retryable: true,
    });
    sim().setFaults({});
  });

  it('reports an exhausted daily allocation as CRM_DAILY_LIMIT, retryable after a while', async () => {
    const small = await startSalesforceSimulatorFor({ dailyApiLimit: 2 });
    grantLeadpactAccess(small);
    try {
      const limited = await connectorFor(small);
      await limited.findAccountsByDomain(['a.test']);
      await limited.findAccountsByDomain(['a.test']);
      expect(limited.usage()).toEqual({
        calls: 2,
        dailyUsed: 2,
        dailyLimit: 2,
        windowRemaining: null,
        windowLimit: null,
      });
      const error = await failure(limited.findAccountsByDomain(['a.test']));
      expect(error).toMatchObject({
        code: 'CRM_DAILY_LIMIT',
        retryable: true,
        retryAfterMs: 15 * 60_000,
        httpStatus: 403,
        vendorCode: 'REQUEST_LIMIT_EXCEEDED',
      });
      expect(error.rateLimited).toBe(true);
    } finally {
      await small.close();
    }
  });

  // Salesforce answers alike for a field that does not exist and one hidden from the caller by
  // field-level security: either way provisioning, not the lead, is at fault.
  it('reports an unknown or hidden field, and an upsert key that is no visible external id, as SALESFORCE_ACCESS_MISSING', async () => {
    const unknown = await failure(
      connector.upsert('Lead', 'HubSpot_Contact_Id__c', [{ fields: { ...LEAD.fields, Nope__c: 1 } }]),
    );
    expect(unknown).toMatchObject({
      code: 'SALESFORCE_ACCESS_MISSING',
      retryable: false,
      httpStatus: 400,
      vendorCode: 'INVALID_FIELD',
    });
    const key = await failure(connector.upsert('Lead', 'Company', [{ fields: { Company: 'x', LastName: 'y' } }]));
    expect(key).toMatchObject({ code: 'SALESFORCE_ACCESS_MISSING', httpStatus: 404, vendorCode: 'NOT_FOUND' });
  });

  it('refuses names that are not API names before calling Salesforce', async () => {
    const before = sim().calls().total;
    expect(await failure(connector.readChanges('Lead', CURSOR, ["Id FROM User WHERE Name = 'x'"], 10))).toMatchObject({
      code: 'CRM_REJECTED',
    });
    expect(sim().calls().total).toBe(before);
  });

  it('reports a refused connection as CRM_UNAVAILABLE', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const offline = await createSalesforceConnector({
      auth: { kind: 'token', instanceUrl: `http://127.0.0.1:${port}`, accessToken: 'x' },
      loginUrl: `http://127.0.0.1:${port}`,
      apiVersion: API_VERSION,
    });
    expect(await failure(offline.findAccountsByDomain(['a.test']))).toMatchObject({
      code: 'CRM_UNAVAILABLE',
      retryable: true,
    });
  });
});
