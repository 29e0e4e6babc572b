import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, collect, runCli, spawnCli, waitForOutput } from '../support/cli';
import { freePort, TEST_REDIS_URL } from '../support/redis-server';

describe('leadpact start, as an operator runs it', () => {
  it('with a broken environment prints every problem, by variable, and exits 1', async () => {
    const result = await runCli(
      ['start'],
      cleanEnv({ PORT: 'eighty', REDIS_URL: 'localhost:6379', ADMIN_TOKEN: 'short', HUBSPOT_CLIENT_SECRET: 'x' }),
    );
    expect(result.code).toBe(1);
    for (const name of [
      'PORT',
      'REDIS_URL',
      'ADMIN_TOKEN',
      'SALESFORCE_CLIENT_ID',
      'HUBSPOT_ACCESS_TOKEN',
      'PUBLIC_URL',
      'SALESFORCE_ORG_ID',
    ]) {
      expect(result.stderr).toContain(`- ${name}:`);
    }
    expect(result.stderr).toContain('PORT: expected a port number (got "eighty")');
    expect(result.stdout).toBe('');
  });

  it('answers --help for each command and refuses an unknown one', async () => {
    const help = await runCli(['start', '--help'], cleanEnv({}));
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^leadpact start/);
    const unknown = await runCli(['launch'], cleanEnv({}));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "launch"');
    const badFlag = await runCli(['serve', '--frobnicate'], cleanEnv({}));
    expect(badFlag.code).toBe(2);
  });

  it('stops cleanly within 10 s of SIGTERM, logging each step', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadpact-e2e-'));
    const port = await freePort();
    try {
      const child = spawnCli(
        ['start'],
        cleanEnv({
          PORT: String(port),
          DATA_DIR: dataDir,
          REDIS_URL: TEST_REDIS_URL,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
          SALESFORCE_ACCESS_TOKEN: 'unused-token',
          SALESFORCE_ORG_ID: '00D000000000001',
          HUBSPOT_ACCESS_TOKEN: 'pat-na1-unused',
          HUBSPOT_CLIENT_SECRET: 'unused-secret',
        }),
      );
      const exited = collect(child, 60_000);
      try {
        await waitForOutput(child, (text) => text.includes('http ingress listening'), 30_000);
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
        // The launcher restarted itself in place with a bounded heap: same pid, so signals still reach it.
        expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=256');
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const result = await exited;
      expect(result.code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(result.stdout).toContain('stopped cleanly');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
