import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIREMENTS } from '../../src/config/env.schema';
import { ROOT, runCli } from '../support/cli';

/** A shell with nothing set, LOG_LEVEL included: what a new user has. */
function shell(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra };
}

const COMMANDS = ['demo', 'start', 'serve', 'work', 'provision', 'backfill', 'dlq', 'replay', 'report', 'check'];

describe('leadpact on the first day, as a new user meets it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadpact-first-day-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tells its version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], shell());
    expect(result).toMatchObject({ code: 0, stdout: `leadpact ${version}\n`, stderr: '' });
  });

  it.each(COMMANDS)('`leadpact %s --help` fits 80 columns when not on a terminal', async (name) => {
    const help = await runCli([name, '--help'], shell());
    expect(help.code).toBe(0);
    const wide = help.stdout.split('\n').filter((line) => line.length > 80);
    expect(wide).toEqual([]);
  });

  it('fits the list of commands in 80 columns too', async () => {
    const help = await runCli(['--help'], shell());
    expect(help.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(help.stdout).toContain('`leadpact --version`');
  });

  it.each([
    ['start', [...REQUIREMENTS.crm, ...REQUIREMENTS.webhooks]],
    ['serve', REQUIREMENTS.webhooks],
    ['work', REQUIREMENTS.crm],
    ['provision', REQUIREMENTS.crm],
    ['backfill', REQUIREMENTS.crm],
  ] as const)('`leadpact %s --help` names every variable it requires', async (name, requirements) => {
    const help = await runCli([name, '--help'], shell());
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('Requires in the environment:');
    for (const requirement of requirements) expect(flat).toContain(requirement.help);
  });

  it('says nothing of the environment for commands that need none of it', async () => {
    const help = await runCli(['report', '--help'], shell());
    expect(help.stdout).not.toContain('Requires in the environment');
  });

  it('tells about a wrong user id and a misspelt property in a copy of the example, with nothing but words', async () => {
    const file = join(dir, 'protocol.yaml');
    copyFileSync(join(ROOT, 'config', 'protocol.example.yaml'), file);
    const text = readFileSync(file, 'utf8')
      .replace('"005EM0000000002YAA"', '"005EM0000000002AAA"')
      .replace('property: jobtitle\n', 'property: jobtitel\n');
    writeFileSync(file, text);
    const result = await runCli(['check', file], shell({ DATA_DIR: dir }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'routing.pools.emea-sdr.members[1]: 005EM0000000002AAA is not a valid Salesforce id (its last three ' +
        "characters should be YAA); copy the id from the user's page in Setup → Users",
    );
    expect(result.stderr).toMatch(
      /^warning: .*protocol\.yaml:\d+:\d+: qualification\.fit\.rules\[3\]\.property: jobtitel — did you mean jobtitle\?/m,
    );
    expect(result.stderr).not.toContain('{"level"');
  });

  it('refuses to start on a wrong user id, before connecting to anything', async () => {
    const file = join(dir, 'wrong-id.yaml');
    writeFileSync(
      file,
      readFileSync(join(ROOT, 'config', 'protocol.example.yaml'), 'utf8').replace(
        '"005EM0000000002YAA"',
        '"005EM0000000002AAA"',
      ),
    );
    const env = shell({
      PROTOCOL_FILE: file,
      DATA_DIR: join(dir, 'start'),
      // Nothing listens on port 9: a start that got past the protocol would fail differently.
      SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
      SALESFORCE_ACCESS_TOKEN: 'token',
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-token',
      HUBSPOT_CLIENT_SECRET: 'secret',
      PUBLIC_URL: 'https://leadpact.example.com',
      SALESFORCE_ORG_ID: '00D000000000001',
    });
    const result = await runCli(['start'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /routing\.pools\.emea-sdr\.members\[1\] \(line \d+, column \d+\): 005EM0000000002AAA is not a valid Salesforce id/,
    );
  });

  it('checks a good file with no log line on either stream, and logs on stderr only when asked', async () => {
    const quiet = await runCli(['check', 'config/protocol.example.yaml'], shell({ DATABASE_URL: '' }));
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.stdout).not.toContain('{"level"');
    const verbose = await runCli(['report', '--verbose'], shell({ DATA_DIR: join(dir, 'data') }));
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).not.toContain('{"level"');
    expect(verbose.stderr).toContain('"msg":"database migrated"');
  });

  it.each([
    [['report', '--to', '2026-03-07'], '--to needs --from: the period starts somewhere'],
    [['report', '--period', '30d', '--from', '2026-03-01'], 'give either --period or --from/--to, not both'],
    [
      ['report', '--from', '2026-03-07', '--to', '2026-03-01'],
      'the period "2026-03-07/2026-03-01" ends before it starts',
    ],
  ])('`leadpact %j` says what is wrong with the period and exits 2', async (args, message) => {
    const result = await runCli(args, shell({ DATA_DIR: join(dir, 'data') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
