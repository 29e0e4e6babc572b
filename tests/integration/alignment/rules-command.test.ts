import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesCommand } from '../../../src/cli/rules-command';
import { loadEnv } from '../../../src/config/env';
import { activateProtocol } from '../../../src/service/protocol-source';
import { silentLogger } from '../../../src/shared/logger';
import { openStore } from '../../../src/store';
import { runCommand } from '../../support/cli';
import { PROTOCOL_TEXT, shippedProtocol } from '../../unit/cli/protocol-fixture';

describe('leadpact rules', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadpact-rules-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function rules(options: Record<string, string | boolean>) {
    return runCommand(rulesCommand, loadEnv({ DATA_DIR: dataDir }), options);
  }

  it('says there is nothing to judge before a protocol went live, then prints the feedback of each rule', async () => {
    expect(await rules({})).toMatchObject({
      code: 1,
      stderr:
        'leadpact rules: no protocol has gone live in this store yet (start the service once): there is nothing to judge\n',
    });
    const db = await openStore({ databaseUrl: undefined, dataDir, logger: silentLogger() });
    await activateProtocol(db, { protocol: shippedProtocol(), text: PROTOCOL_TEXT }, 'config/protocol.yaml');
    await db.close();
    const printed = await rules({ period: '30d' });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^RULE FEEDBACK: .+, protocol 2026\.1\n0 marketing-qualified leads\./);
    expect(printed.stdout).toContain('  fit icp-industry: too few leads: 0 handed off with it, 0 without (10 needed)');
    expect(printed.stdout).toContain('PROPOSED CHANGES\n  None:');
  });

  it('refuses a minimum that is no whole number', async () => {
    expect((await rules({ minimum: 'ten' })).stderr).toContain('--minimum expects a whole number, got "ten"');
  });
});
