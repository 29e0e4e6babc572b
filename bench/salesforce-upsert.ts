import { DEFAULT_SALESFORCE_FIELDS } from '../src/app/provision-specs';
import { createSalesforceConnector } from '../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../connectors/salesforce/salesforce-port';
import type { SalesforceWrite } from '../src/shared/field-specs';
import { startSalesforceSimulator, type SalesforceSimulator } from '../connectors/salesforce/simulator';

const EXTERNAL_ID = 'HubSpot_Contact_Id__c';
const UPSERT_ROUTE = 'PATCH /composite/sobjects/:type/:field';
const BATCH = 200;

function leads(count: number, pass: number): SalesforceWrite[] {
  return Array.from({ length: count }, (_, i) => ({
    fields: {
      [EXTERNAL_ID]: String(100_000 + i),
      FirstName: `Lead${i}`,
      LastName: `Bench`,
      Company: `Company ${i % 500}`,
      Email: `lead${i}@bench.example.com`,
      Lead_Protocol_Stage__c: pass === 0 ? 'mql' : 'handed_off',
      Fit_Score__c: (i * 7 + pass) % 100,
      SLA_Status__c: 'On Track',
    },
  }));
}

/** Upserts in collections of 200, one call after the other; returns the records that failed. */
export async function upsertAll(connector: SalesforcePort, records: readonly SalesforceWrite[]): Promise<number> {
  let failed = 0;
  for (let i = 0; i < records.length; i += BATCH) {
    const outcomes = await connector.upsert('Lead', EXTERNAL_ID, records.slice(i, i + BATCH));
    failed += outcomes.filter((outcome) => !outcome.ok).length;
  }
  return failed;
}

async function pass(
  sim: SalesforceSimulator,
  connector: SalesforcePort,
  records: readonly SalesforceWrite[],
): Promise<{ calls: number; apiCalls: number; failed: number; seconds: number }> {
  const before = sim.calls();
  const started = performance.now();
  const failed = await upsertAll(connector, records);
  const seconds = (performance.now() - started) / 1000;
  const after = sim.calls();
  return {
    calls: (after.byRoute[UPSERT_ROUTE] ?? 0) - (before.byRoute[UPSERT_ROUTE] ?? 0),
    apiCalls: after.total - before.total,
    failed,
    seconds,
  };
}

/**
 * 10,000 leads upserted by HubSpot_Contact_Id__c through the connector against the simulator,
 * twice (creates, then updates). The call counts are the simulator's, counted as Salesforce counts
 * API calls. Set BENCH_SALESFORCE_LEADS to change the number.
 */
export async function run(): Promise<Record<string, number | string>> {
  const count = Number(process.env['BENCH_SALESFORCE_LEADS'] ?? 10_000);
  const sim = await startSalesforceSimulator();
  try {
    const { clientId, clientSecret, username, password, securityToken } = sim.credentials;
    const connector = await createSalesforceConnector({
      auth: { kind: 'password', clientId, clientSecret, username, password: password + securityToken },
      loginUrl: sim.url,
      apiVersion: sim.apiVersion,
    });
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    const created = await pass(sim, connector, leads(count, 0));
    const updated = await pass(sim, connector, leads(count, 1));
    const stored = sim.records('Lead').filter((lead) => lead['IsDeleted'] === false).length;
    return {
      leads: count,
      leadsStored: stored,
      createPassCollectionCalls: created.calls,
      createPassApiCalls: created.apiCalls,
      createPassFailedRecords: created.failed,
      createPassSeconds: Number(created.seconds.toFixed(2)),
      createPassLeadsPerSecond: Math.round(count / created.seconds),
      updatePassCollectionCalls: updated.calls,
      updatePassFailedRecords: updated.failed,
      updatePassSeconds: Number(updated.seconds.toFixed(2)),
      apiCallsPerLead: Number((created.apiCalls / count).toFixed(3)),
      connectorRequests: connector.usage().calls,
      notes: 'in-process simulator on 127.0.0.1, one collection call at a time',
    };
  } finally {
    await sim.close();
  }
}
