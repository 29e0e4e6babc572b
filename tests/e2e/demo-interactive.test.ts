import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cleanEnv, collect, runCli, spawnCli, type CliResult } from '../support/cli';
import { eventually } from '../support/pipeline-harness';
import { freePort } from '../support/redis-server';

describe('leadpact demo without --duration: Ctrl-C ends the market, the page stays until the next one', () => {
  let child: ChildProcess;
  let exited: Promise<CliResult>;
  let output = '';

  beforeAll(async () => {
    // No DATA_DIR, no ADMIN_TOKEN: the demo makes a temporary folder and a token of its own.
    child = spawnCli(['demo'], cleanEnv({}));
    exited = collect(child, 120_000);
    const append = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const printed = (text: string) => () => (output.includes(text) ? true : undefined);
    await eventually(printed('Sales accepted Lead'), 60_000, 'the first acceptance');
    child.kill('SIGINT');
    await eventually(printed('until you press Ctrl-C again'), 60_000, 'the scorecard and the page');
  }, 150_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited.catch(() => undefined);
  });

  const matched = (pattern: RegExp): string => {
    const found = pattern.exec(output)?.[1];
    if (found === undefined) throw new Error(`not in the output: ${String(pattern)}\n${output}`);
    return found;
  };

  it('says where its data is, and prints the generated admin token once, with the page to use it on', async () => {
    expect(output).toMatch(/^Data: {2}embedded PGlite in .+ \(temporary, removed at exit; set DATA_DIR to keep it\)$/m);
    expect(output).toMatch(/^Redis: /m);
    const token = matched(/printed only here: (\S+)/);
    expect(output.split(token)).toHaveLength(2);
    const url = matched(/^Scorecard page: (\S+)$/m);
    const anonymous = await fetch(url, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    const signIn = await fetch(url.replace(/\/scorecard$/, '/scorecard/session'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signIn.status).toBe(303);
    const page = await fetch(url, {
      headers: { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Lead protocol scorecard');
    expect(html).toContain('Handed off');
  });

  it('ends at the second Ctrl-C and leaves no temporary folder behind', async () => {
    const dataDir = matched(/^Data: {2}embedded PGlite in (.+) \(temporary/m);
    expect(existsSync(dataDir)).toBe(true);
    child.kill('SIGINT');
    const result = await exited;
    // 130: ended by an interrupt, as shells report it.
    expect(result.code).toBe(130);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('leadpact demo, called wrong or without what it needs', () => {
  it('refuses a duration it cannot use, with its help, and exit code 2', async () => {
    const result = await runCli(['demo', '--duration', 'soon'], cleanEnv({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--duration expects a length such as 60s, 2m or 90, got "soon"');
    expect(result.stderr).toContain('leadpact demo [--duration 60s]');
  });

  it('says how to get Redis when REDIS_URL does not answer, without repeating its password', async () => {
    const result = await runCli(
      ['demo', '--duration', '10s'],
      cleanEnv({ REDIS_URL: `redis://:s3cret-pass@127.0.0.1:${await freePort()}` }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Redis at REDIS_URL did not answer.*redis-server/);
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret-pass');
  });
});
