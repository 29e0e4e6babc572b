import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { idChecksum } from '../../connectors/salesforce/simulator/schema/ids';
import { protocolTextForOrg } from '../../src/demo/simulated-org';
import type { RunningSimulators } from '../../src/demo/simulators';
import type { SalesforceId } from '../../src/shared/ids';
import { freePort } from '../../src/shared/net';
import { TEST_REDIS_URL } from '../support/redis-server';
import { cleanEnv, ROOT, runCli } from '../support/cli';
import { simulatorsForCli } from './cli-simulators';

/**
 * The first day, as the issue tells it: a RevOps engineer copies config/protocol.example.yaml,
 * puts in their org's people with one wrong user id, misspells one property, provisions, and runs
 * doctor, then start.
 */
describe('leadpact doctor and the start preflight, run as an operator runs them', () => {
  let sims: RunningSimulators;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const stranger = `005000000STRANG${idChecksum('005000000STRANG')}`;

  beforeAll(async () => {
    const started = await simulatorsForCli();
    sims = started.sims;
    dir = mkdtempSync(join(tmpdir(), 'leadpact-doctor-'));
    const { userIds, leadQueueId } = sims.salesforce.defaults();
    const active = sims.salesforce
      .records('User')
      .filter((u) => u['IsActive'] === true && userIds.includes(String(u['Id'])))
      .map((u) => String(u['Id']) as SalesforceId);
    const example = readFileSync(join(ROOT, 'config', 'protocol.example.yaml'), 'utf8');
    const right = protocolTextForOrg(example, { activeUserIds: active, leadQueueId: leadQueueId as SalesforceId });
    writeFileSync(join(dir, 'right.yaml'), right);
    const doc = parseDocument(right);
    doc.setIn(['routing', 'pools', 'americas-sdr', 'members', 1], stranger);
    doc.setIn(['qualification', 'fit', 'rules', 0, 'property'], 'jobtitel');
    writeFileSync(join(dir, 'wrong.yaml'), doc.toString());
    env = cleanEnv({ ...started.env, LOG_LEVEL: 'warn', DATA_DIR: join(dir, 'data'), REDIS_URL: TEST_REDIS_URL });
    // The outbound messages an admin sets up in Setup (README, "Setting up the CRMs").
    sims.salesforce.setOutbound({
      url: 'http://127.0.0.1:9/webhooks/salesforce',
      objects: ['Lead', 'Contact', 'Opportunity', 'Task', 'Event'],
    });
    const provisioned = await runCli(['provision'], { ...env, PROTOCOL_FILE: join(dir, 'right.yaml') });
    expect(provisioned.code).toBe(0);
  });
  afterAll(async () => {
    await sims.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the wrong id and the misspelt property with their fixes, and exits 1', async () => {
    const result = await runCli(['doctor'], { ...env, PROTOCOL_FILE: join(dir, 'wrong.yaml') });
    expect(result.code).toBe(1);
    // Wrapped to the terminal (80 columns when not one): continuation lines read back as one.
    const report = result.stdout.replace(/\n {4}(?!Fix: )/g, ' ').replace(/\n(?=[a-z`])/g, ' ');
    expect(report).toContain(`✗ routing.pools.americas-sdr.members[1]: no user ${stranger} in this org`);
    expect(report).toContain('(did you mean "jobtitle"?)');
    expect(report).toMatch(/^2 problems would stop leads from moving/m);
    for (const line of result.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('passes the corrected file, and start refuses the wrong id before any lead moves', async () => {
    const right = await runCli(['doctor'], { ...env, PROTOCOL_FILE: join(dir, 'right.yaml') });
    expect(right.stdout.replace(/\n(?=[a-z])/g, ' ')).toMatch(/^No problem would stop leads from moving/m);
    expect(right.code).toBe(0);

    const port = String(await freePort());
    const start = await runCli(
      ['start'],
      { ...env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}`, PROTOCOL_FILE: join(dir, 'wrong.yaml') },
      60_000,
    );
    expect(start.code).toBe(1);
    expect(start.stderr).toContain('CRM_NOT_READY');
    expect(start.stderr).toContain(`routing.pools.americas-sdr.members[1]: no user ${stranger}`);
    expect(sims.salesforce.records('Lead')).toEqual([]);
  });
});
