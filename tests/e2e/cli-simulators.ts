import { describeSimulators, startSimulators, type RunningSimulators } from '../../src/demo/simulators';
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases';

/**
 * The simulators as `leadpact sim` runs them, in the test's process so the test can seed and
 * inspect them, and the environment a user would export to point the CLI at them.
 */
export async function simulatorsForCli(): Promise<{ sims: RunningSimulators; env: Record<string, string> }> {
  const sims = await startSimulators({ salesforcePort: 0, hubspotPort: 0 });
  return { sims, env: { ...describeSimulators(sims.salesforce, sims.hubspot, null).env } };
}

/** A schema of its own on the test PostgreSQL, and the DATABASE_URL that selects it. */
export async function databaseForCli(): Promise<{ database: TestDatabase; url: string }> {
  const database = await openTestDatabase('postgres');
  return {
    database,
    url: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.schema ?? 'public'}`)}`,
  };
}
