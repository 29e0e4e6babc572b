import type { RunningSimulators } from '../../src/demo/simulators';
import { repositories, type Db } from '../../src/store';
import { cleanEnv, collect, runCli, spawnCli, waitForOutput } from '../support/cli';
import type { TestDatabase } from '../support/databases';
import { OwnRedis } from '../support/redis-server';
import { databaseForCli, simulatorsForCli } from './cli-simulators';

const CONTACTS = 1_500;
const SALES_LEADS = 40;
const DAY = 86_400_000;

/** Contacts that were in HubSpot long before leadpact: not qualified, changed a minute apart. */
function historicContacts(): Record<string, string>[] {
  const from = Date.now() - 30 * DAY;
  return Array.from({ length: CONTACTS }, (_, i) => {
    const at = new Date(from + i * 60_000).toISOString();
    return {
      email: `old${i}@firm-${i % 13}.example`,
      firstname: 'Alex',
      lastname: `Old ${i}`,
      company: `Firm ${i % 13}`,
      country: 'France',
      createdate: at,
      lastmodifieddate: at,
    };
  });
}

async function ledger(db: Db): Promise<{ leads: number; contacts: number; salesforce: number }> {
  const result = await db.query<{ leads: number; contacts: number; salesforce: number }>(
    'SELECT count(*)::int AS leads, count(DISTINCT hubspot_contact_id)::int AS contacts, count(DISTINCT salesforce_id)::int AS salesforce FROM leads',
  );
  return result.rows[0] ?? { leads: 0, contacts: 0, salesforce: 0 };
}

describe('leadpact backfill, killed halfway and run again', () => {
  let sims: RunningSimulators;
  let database: TestDatabase;
  let redis: OwnRedis;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const started = await simulatorsForCli();
    sims = started.sims;
    const db = await databaseForCli();
    database = db.database;
    redis = await OwnRedis.start();
    env = cleanEnv({ ...started.env, DATABASE_URL: db.url, REDIS_URL: redis.url, LOG_LEVEL: 'warn' });
    expect((await runCli(['provision'], env)).code).toBe(0);
    sims.hubspot.seed({ contacts: historicContacts() });
    sims.salesforce.seed(
      'Lead',
      Array.from({ length: SALES_LEADS }, (_, i) => ({
        LastName: `Walk-in ${i}`,
        Company: `Shop ${i}`,
        Email: `walkin${i}@shop-${i}.example`,
      })),
    );
  });
  afterAll(async () => {
    await sims.close();
    await redis.dispose();
    await database.dispose();
  });

  it('resumes from its cursor and finishes with one lead per record and every write sent', async () => {
    const child = spawnCli(['backfill'], env);
    const exited = collect(child, 120_000);
    await waitForOutput(child, (text) => /HubSpot contacts .*[1-9][0-9,]* read/.test(text), 60_000);
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const halfway = await ledger(database.db);
    expect(halfway.leads).toBeGreaterThan(0);
    expect(halfway.leads).toBeLessThan(CONTACTS);
    // Stored after every page: where the next run starts.
    expect(await repositories(database.db).cursors.get('backfill:hubspot:contacts')).toMatchObject({ done: false });

    const resumed = await runCli(['backfill'], env, 120_000);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Backfill finished. HubSpot contacts: ${CONTACTS} read`);
    expect(resumed.stdout).toContain(`Salesforce leads: ${SALES_LEADS} read`);
    expect(resumed.stdout).toContain('Every CRM write was sent');
    // The backfill's decisions are the engine's like any other: counted, and told.
    expect(resumed.stdout).toMatch(/What the protocol engine did with them: [0-9]+ stage changes/);
    expect(resumed.stderr).toMatch(/HubSpot contacts +\[#+\] 100% +1,500 read .* done/);

    expect(await ledger(database.db)).toEqual({
      leads: CONTACTS + SALES_LEADS,
      contacts: CONTACTS,
      salesforce: SALES_LEADS,
    });
    const stages = sims.hubspot.contacts().map((contact) => contact.properties.leadpact_stage);
    expect(stages.filter((stage) => stage === 'nurturing')).toHaveLength(CONTACTS);
  });
});
