import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, runCli, spawnCli, waitForOutput, type CliResult } from '../support/cli';
import { OwnRedis } from '../support/redis-server';

/** The printed scorecard: from its title to the blank line before what the numbers mean. */
function scorecardOf(stdout: string): string {
  const start = stdout.indexOf('LEAD PROTOCOL SCORECARD');
  const end = stdout.indexOf('\nWHAT THE NUMBERS MEAN');
  if (start === -1 || end === -1) throw new Error(`no scorecard in:\n${stdout}`);
  return stdout.slice(start, end).trimEnd();
}

describe('leadpact demo, then the command it prints', () => {
  let redis: OwnRedis;
  let dataDir: string;
  let demo: CliResult;
  let pack: { status: number; body: string };
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    dataDir = mkdtempSync(join(tmpdir(), 'leadpact-e2e-demo-report-'));
    // No ADMIN_TOKEN and no LOG_LEVEL: what a new user runs.
    env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, REDIS_URL: redis.url };
    const child = spawnCli(['demo', '--duration', '15s', '--speed', '3600'], env);
    const done = collect(child, 120_000);
    // The page and the way in come first, and the page answers while the market runs.
    const head = await waitForOutput(
      child,
      (text) => /^Admin token, made for this run[^\n]*: \S+\n/m.test(text),
      60_000,
    );
    const url = /^Scorecard page: (http:\/\/127\.0\.0\.1:\d+)\/scorecard$/m.exec(head)?.[1];
    const token = /made for this run and printed only here: (\S+)/.exec(head)?.[1];
    const response = await fetch(`${url ?? ''}/alignment-pack.md`, {
      headers: { authorization: `Bearer ${token ?? ''}` },
    });
    pack = { status: response.status, body: await response.text() };
    demo = await done;
  }, 150_000);

  afterAll(async () => {
    await redis.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the page and its token before the market starts, and serves the page while it runs', () => {
    expect(demo.code).toBe(0);
    const lines = demo.stdout.split('\n');
    const page = lines.findIndex((line) => line.startsWith('Scorecard page: '));
    const market = lines.findIndex((line) => line.startsWith('Market: seed'));
    expect(page).toBeGreaterThan(-1);
    expect(page).toBeLessThan(market);
    expect(lines.filter((line) => line.startsWith('Scorecard page: '))).toHaveLength(1);
    expect(pack.status).toBe(200);
  });

  it("opens the run's month from the page's monthly pack link, where the data is", () => {
    expect(pack.body).toMatch(/^# .*March 2026/);
  });

  it('keeps the scorecard, its tables and the lines after them within 100 columns', () => {
    const closing = demo.stdout.slice(demo.stdout.indexOf('LEAD PROTOCOL SCORECARD'));
    expect(closing).toContain('THE SCORECARD AGAINST THE CRMs');
    const wide = closing.split('\n').filter((line) => line.length > 100);
    expect(wide).toEqual([]);
  });

  it('ends with a command that prints the same scorecard again, its period stated explicitly', async () => {
    const command = /^ {2}DATA_DIR=(\S+) leadpact report \\\n {4}--from (\S+) --to (\S+)$/m.exec(demo.stdout);
    expect(command?.[1]).toBe(dataDir);
    const [from, to] = [command?.[2] ?? '', command?.[3] ?? ''];
    expect(from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const again = await runCli(['report', '--from', from, '--to', to], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    const printed = scorecardOf(demo.stdout);
    expect(printed).toMatch(/^Handed off to Sales +[1-9]/m);
    expect(again.stdout.trimEnd()).toBe(printed);
  });
});
