import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocolTextForOrg } from '../../src/demo/simulated-org';
import { salesforceId } from '../../src/shared/ids';
import type { RunningSimulators } from '../../src/demo/simulators';
import { repositories, type Db } from '../../src/store';
import { qualifiedContact } from '../support/contacts';
import { cleanEnv, collect, runCli, spawnCli, waitForOutput } from '../support/cli';
import type { TestDatabase } from '../support/databases';
import { OwnRedis } from '../support/redis-server';
import { databaseForCli, simulatorsForCli } from './cli-simulators';

const CONTACTS = 1_500;
/** Qualified contacts, changed last: the resumed run hands them off with no service running. */
const QUALIFIED = 3;
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
  let protocolDir: string;
  beforeAll(async () => {
    const started = await simulatorsForCli();
    sims = started.sims;
    const db = await databaseForCli();
    database = db.database;
    redis = await OwnRedis.start();
    // Routing pointed at the simulated org's people, as a RevOps engineer points it at their org's.
    const users = sims.salesforce
      .records('User')
      .filter((u) => u.IsActive === true && typeof u.Id === 'string' && u.Title !== 'API Integration');
    protocolDir = mkdtempSync(join(tmpdir(), 'leadpact-backfill-'));
    const protocolFile = join(protocolDir, 'protocol.yaml');
    writeFileSync(
      protocolFile,
      protocolTextForOrg(readFileSync('config/protocol.yaml', 'utf8'), {
        activeUserIds: users.map((u) => salesforceId(String(u.Id))),
        leadQueueId: salesforceId(sims.salesforce.defaults().leadQueueId),
      }),
    );
    env = cleanEnv({
      ...started.env,
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      PROTOCOL_FILE: protocolFile,
    });
    expect((await runCli(['provision'], env)).code).toBe(0);
    const lastChange = new Date(Date.now() - DAY).toISOString();
    const qualified = Array.from({ length: QUALIFIED }, (_, i) => ({
      ...qualifiedContact(`backfill-${i}`),
      createdate: lastChange,
      lastmodifieddate: lastChange,
    }));
    sims.hubspot.seed({ contacts: [...historicContacts(), ...qualified] });
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
    rmSync(protocolDir, { recursive: true, force: true });
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
    expect(resumed.stdout).toContain(`Backfill finished. HubSpot contacts: ${CONTACTS + QUALIFIED} read`);
    expect(resumed.stdout).toContain(`Salesforce leads: ${SALES_LEADS} read`);
    expect(resumed.stdout).toContain('Every CRM write was sent');
    // The backfill's decisions are the engine's like any other: counted, and told.
    expect(resumed.stdout).toMatch(/What the protocol engine did with them: [0-9]+ stage changes/);
    expect(resumed.stderr).toMatch(/HubSpot contacts +\[#+\] 100% +1,503 read .* done/);

    expect(await ledger(database.db)).toEqual({
      leads: CONTACTS + QUALIFIED + SALES_LEADS,
      contacts: CONTACTS + QUALIFIED,
      salesforce: SALES_LEADS + QUALIFIED,
    });
    const stages = sims.hubspot.contacts().map((contact) => contact.properties.leadpact_stage);
    expect(stages.filter((stage) => stage === 'nurturing')).toHaveLength(CONTACTS);
    // A hand-off's outcome goes through the inbound queue; the backfill works it, so the Salesforce
    // id reaches HubSpot before the command says every write was sent.
    const handedOff = sims.hubspot.contacts().filter((contact) => contact.properties.leadpact_stage === 'handed_off');
    expect(handedOff).toHaveLength(QUALIFIED);
    for (const contact of handedOff) expect(contact.properties.leadpact_salesforce_id).toMatch(/^00Q/);
  });
});
