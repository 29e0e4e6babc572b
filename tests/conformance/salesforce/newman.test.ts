import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import newman, { type NewmanRunExecution, type NewmanRunSummary } from 'newman';
import { API_VERSION, useSimulator } from '../../contract/salesforce/support';

/**
 * newman (Postman's command-line runner), unmodified, running a request collection written from the
 * REST API Developer Guide's examples against the simulator. Each request of the collection is one
 * test here: it passes when newman met no error and every assertion of its test script held.
 */

const COLLECTION_FILE = join(__dirname, 'lead-sync.postman_collection.json');
const collection = JSON.parse(readFileSync(COLLECTION_FILE, 'utf8')) as { item: { name: string }[] };

function run(options: newman.NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run(options, (error, summary) => (error === null ? resolve(summary) : reject(error)));
  });
}

function problems(execution: NewmanRunExecution | undefined): string[] {
  if (execution === undefined) return ['not run'];
  const failed = (execution.assertions ?? [])
    .filter((a) => a.error !== undefined)
    .map((a) => `${a.assertion}: ${a.error?.message ?? ''}`);
  const requestError = (execution as { requestError?: Error }).requestError;
  return requestError === undefined ? failed : [requestError.message, ...failed];
}

describe('Salesforce simulator with newman: the Developer Guide examples', () => {
  const sim = useSimulator();
  let executions: readonly NewmanRunExecution[] = [];

  beforeAll(async () => {
    sim().reset();
    const { clientId, clientSecret } = sim().credentials;
    const values = {
      instanceUrl: sim().url,
      version: API_VERSION,
      accessToken: sim().mintAccessToken(sim().defaults().adminUserId),
      clientId,
      clientSecret,
    };
    const summary = await run({
      collection: COLLECTION_FILE,
      environment: { values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true })) },
      reporters: [],
    });
    executions = summary.run.executions;
  });

  it.each(collection.item.map((item) => item.name))('%s', (name) => {
    expect(problems(executions.find((execution) => execution.item.name === name))).toEqual([]);
  });
});
