import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DEFAULT_PREFIX } from '../../src/queue/queues';
import { silentLogger } from '../../src/shared/logger';
import { openStore, repositories } from '../../src/store';
import { cleanEnv, runCli } from '../support/cli';
import { OwnRedis } from '../support/redis-server';

const LEAD = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';

/** Dead letters as the relay and the workers leave them, written while no leadpact process holds the embedded database. */
async function seedDeadLetters(dataDir: string, pairs = 1): Promise<void> {
  const db = await openStore({ databaseUrl: undefined, dataDir, logger: silentLogger() });
  try {
    const deadLetters = repositories(db).deadLetters;
    for (let pair = 0; pair < pairs; pair++) await addPair(deadLetters);
  } finally {
    await db.close();
  }
}

async function addPair(deadLetters: ReturnType<typeof repositories>['deadLetters']): Promise<void> {
  await deadLetters.add({
    source: 'outbox',
    leadId: LEAD,
    crm: 'hubspot',
    kind: 'update',
    errorCode: 'CRM_REJECTED',
    attempts: 1,
    error: 'Property values were not valid: jane.doe@acme.io is not a valid option',
    payload: { type: 'hubspot.update', leadId: LEAD, contactId: '101', properties: { leadpact_stage: 'mql' } },
  });
  await deadLetters.add({
    source: 'queue:inbound',
    leadId: null,
    crm: null,
    kind: 'hubspot',
    errorCode: 'INTERNAL',
    error: 'boom',
    attempts: 8,
    payload: { jobId: 'hs.42', data: { source: 'hubspot', notices: [] } },
  });
}

describe('leadpact dlq, replay, report and check on the embedded database', () => {
  let dataDir: string;
  let redis: OwnRedis;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leadpact-ledger-'));
    redis = await OwnRedis.start();
    env = cleanEnv({ DATA_DIR: dataDir, REDIS_URL: redis.url, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await redis.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so when nothing failed, and when no protocol has gone live to compare with', async () => {
    const dlq = await runCli(['dlq'], env);
    expect(dlq).toMatchObject({ code: 0, stdout: 'No open dead letters: nothing failed for good.\n' });
    const dryRun = await runCli(['check', '--dry-run'], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('valid lead protocol, version 2026.1');
    expect(dryRun.stderr).toContain('no protocol has gone live in this store yet');
    const replay = await runCli(['replay', '--all'], env);
    expect(replay).toMatchObject({ code: 0, stdout: 'No open dead letters: nothing to replay.\n' });
  });

  it('lists failed work with its reason, scrubbed, and replays each dead letter once', async () => {
    await seedDeadLetters(dataDir);
    const table = await runCli(['dlq'], env);
    expect(table.code).toBe(0);
    // Each dead letter is a block, wrapped to the terminal (80 columns when not one): read it as one line.
    const [first, second] = table.stdout.split('\n\n').map((block) => block.replace(/\n +/g, ' '));
    expect(first).toMatch(
      /^#1 +[0-9-]+ [0-9:]+Z · hubspot update · lead 3f1c2a4e-\S+ \(not in the ledger\) · 1 try · open /,
    );
    expect(first).toContain(' CRM_REJECTED: Property values were not valid: [email] is not');
    expect(first).toContain(' What to do: The CRM refused the data');
    expect(second).toMatch(/^#2 .* · queue:inbound \(hubspot\) · no lead · 8 tries · open INTERNAL: boom /);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(table.stdout).not.toContain('jane.doe');

    const replayed = await runCli(['replay', '1', '2'], env);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toContain('1: replayed to outbox:hubspot');
    expect(replayed.stdout).toContain('2: replayed to queue:inbound');
    const queue = new Queue('inbound', { connection: { url: redis.url }, prefix: DEFAULT_PREFIX });
    try {
      expect((await queue.getJobs(['waiting'])).map((job) => [job.id, job.name])).toEqual([
        ['hs.42.replay-2', 'hubspot'],
      ]);
    } finally {
      await queue.close();
    }

    const again = await runCli(['replay', '1', '99'], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('1: already replayed; nothing done');
    expect(again.stdout).toContain('no dead letter 99 (`leadpact dlq --all` lists them all)');
    expect(again.stdout).toContain('1 already replayed, 1 not found.');
    const unknown = await runCli(['replay', '999'], env);
    expect(unknown).toMatchObject({ code: 1, stdout: 'no dead letter 999 (`leadpact dlq --all` lists them all)\n' });
    const json = await runCli(['dlq', '--all', '--json'], env);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { id: string; replayedAt: string | null });
    expect(lines.map((l) => [l.id, l.replayedAt !== null])).toEqual([
      ['1', true],
      ['2', true],
    ]);
  });

  it('lists dead letters in the order of their ids as numbers (9 before 10)', async () => {
    await seedDeadLetters(dataDir, 10);
    const table = await runCli(['dlq', '--all'], env);
    const ids = table.stdout
      .split('\n')
      .map((line) => /^#([0-9]+) +[0-9]{4}-/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(ids).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1)));
  });

  it('prints the scorecard as text, JSON or HTML, and the alignment pack, with nothing else on stdout', async () => {
    const json = await runCli(['report', '--format', 'json', '--period', 'calendar-month'], env);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { period: { spec: string } }).period.spec).toBe('calendar-month');
    const html = await runCli(['report', '--format', 'html'], env);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const pack = await runCli(['report', '--pack', '--format', 'markdown'], env);
    expect(pack.code).toBe(0);
    expect(pack.stdout.startsWith('#')).toBe(true);
    const bad = await runCli(['report', '--period', 'fortnight'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown period "fortnight"');
  });

  it('checks a protocol file: every problem with its line and column, exit 1', async () => {
    const bad = await runCli(['check', 'config/examples/bad-protocol.yaml'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('config/examples/bad-protocol.yaml: 5 problems');
    expect(
      bad.stderr.split('\n').filter((line) => /^config\/examples\/bad-protocol\.yaml:\d+:\d+: /.test(line)),
    ).toHaveLength(5);
    const missing = await runCli(['check', 'config/nope.yaml'], env);
    expect(missing).toMatchObject({ code: 1, stderr: 'leadpact check: config/nope.yaml: no such file\n' });
    const good = await runCli(['check', 'config/protocol.example.yaml'], env);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('approved by');
  });
});
