import { cleanEnv, runCli } from '../support/cli';

const COMMANDS = ['sim', 'provision', 'backfill', 'dlq', 'replay', 'report', 'share', 'rules', 'check'] as const;

describe('the operator commands, as a user first meets them', () => {
  it('lists every command in the overall help', async () => {
    const help = await runCli(['--help'], cleanEnv({}));
    expect(help.code).toBe(0);
    for (const name of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it.each(COMMANDS)('`leadpact %s --help` shows its synopsis and options and exits 0', async (name) => {
    const help = await runCli([name, '--help'], cleanEnv({}));
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^leadpact ${name}\\b`));
    expect(help.stdout).toContain('-h, --help');
    expect(help.stderr).toBe('');
  });

  it.each([
    [['dlq', '--limit', 'ten'], '--limit expects a whole number, got "ten"'],
    [['dlq', 'extra'], 'unexpected argument "extra"'],
    [['report', '--format', 'pdf'], '--format must be one of text, json, html, got "pdf"'],
    [['report', '--pack', '--format', 'text'], '--format must be one of html, markdown, got "text"'],
    [['report', '--not-pursued-days', '0'], '--not-pursued-days must be between 1 and 365, got 0'],
    [['replay'], 'name the dead letters to replay'],
    [['replay', '7', '--all'], 'give either dead-letter IDs or --all, not both'],
    [['replay', 'abc'], '"abc" is not a dead-letter ID'],
    [['check', 'a.yaml', 'b.yaml'], 'expected at most one FILE, got 2'],
    [['sim', '--hubspot-port', '70000'], '--hubspot-port must be between 0 and 65535, got 70000'],
    [['sim', '--webhook-url', 'ftp://example.com'], '--webhook-url expects an http(s) URL'],
    [
      ['sim', '--salesforce-port', '4000', '--hubspot-port', '4000'],
      '--salesforce-port and --hubspot-port must differ',
    ],
    [['report', '--colour'], "Unknown option '--colour'"],
  ])('`leadpact %j` says what is wrong, shows the help, and exits 2', async (args, message) => {
    const result = await runCli(args, cleanEnv({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`leadpact ${args[0] ?? ''} `);
    expect(result.stdout).toBe('');
  });

  it.each([
    [['backfill', '--since', 'last tuesday'], '--since expects a date (2026-01-31) or an ISO 8601 instant'],
    [['backfill', '--drain-timeout', 'soon'], '--drain-timeout expects a whole number, got "soon"'],
    [['provision', 'now'], 'unexpected argument "now"'],
  ])(
    '`leadpact %j` with credentials set, still checks its options before connecting to anything',
    async (args, message) => {
      const env = cleanEnv({
        SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
        SALESFORCE_ACCESS_TOKEN: 't',
        HUBSPOT_ACCESS_TOKEN: 'pat-na1-x',
      });
      const result = await runCli(args, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
  );

  it.each(['provision', 'backfill'])(
    '`leadpact %s` without CRM credentials names every missing variable and exits 1',
    async (name) => {
      const result = await runCli([name], cleanEnv({}));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('- SALESFORCE_CLIENT_ID:');
      expect(result.stderr).toContain('- HUBSPOT_ACCESS_TOKEN:');
    },
  );
});
