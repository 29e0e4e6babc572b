import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shareCommand } from '../../../src/cli/share-command';
import { loadEnv } from '../../../src/config/env';
import { runCommand } from '../../support/cli';

describe('leadpact share', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpact-share-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function share(options: Record<string, string | boolean>) {
    return runCommand(shareCommand, loadEnv({ DATA_DIR: dataDir, PUBLIC_URL: 'https://leadpact.corvid.io' }), options);
  }

  it('prints a link for one team, open for the days asked, that revoking closes', async () => {
    const made = await share({ days: '3', for: 'sales' });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /^Read-only link for sales, open until .+ \(3 days\):\n\n {2}https:\/\/leadpact\.corvid\.io\/shared\/[A-Za-z0-9_-]{43}\n/,
    );
    expect(made.stdout).toContain('Close it early with: leadpact share --revoke 1');
    expect((await share({ list: true })).stdout).toMatch(/^ {5}1 {2}for sales {6}made .+ open until /);
    expect(await share({ revoke: '1' })).toMatchObject({
      code: 0,
      stdout: 'Link 1 is closed: it opens nothing any more.\n',
    });
    expect((await share({ list: true })).stdout).toMatch(/revoked /);
    expect(await share({ revoke: '1' })).toMatchObject({ code: 1 });
  });

  it('says what is wrong with its options', async () => {
    expect(await share({ for: 'finance' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--for must be one of sales, marketing, got "finance"') as unknown,
    });
    expect((await share({ days: '0' })).stderr).toContain('--days must be between 1 and 365, got 0');
  });
});
