import { parseArgs } from 'node:util';
import { backfillCommand } from './cli/backfill-command';
import { checkCommand } from './cli/check-command';
import { commandHelp, optionsOf, type Command } from './cli/command';
import { demoCommand } from './cli/demo-command';
import { doctorCommand } from './cli/doctor-command';
import { dlqCommand } from './cli/dlq-command';
import { replayCommand } from './cli/replay-command';
import { provisionCommand } from './cli/provision-command';
import { reportCommand } from './cli/report-command';
import { shareCommand } from './cli/share-command';
import { rulesCommand } from './cli/rules-command';
import { serveCommand, startCommand, workCommand } from './cli/service-commands';
import { simCommand } from './cli/sim-command';
import { terminalWidth, wrapText } from './shared/text-layout';
import { leadpactVersion } from './cli/version';
import { loadEnv } from './config/env';
import { ConfigError, isLeadpactError } from './shared/errors';
import { createLogger, scrubText } from './shared/logger';

const COMMANDS: readonly Command[] = [
  demoCommand,
  startCommand,
  serveCommand,
  workCommand,
  simCommand,
  provisionCommand,
  doctorCommand,
  backfillCommand,
  dlqCommand,
  replayCommand,
  reportCommand,
  shareCommand,
  rulesCommand,
  checkCommand,
];

function usage(columns: number): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 4;
  const list = COMMANDS.map((c) => wrapText(c.summary, columns, `  ${c.name.padEnd(width - 2)}`, ' '.repeat(width)));
  return [
    'Usage: leadpact <command> [options]',
    '',
    'Commands:',
    ...list,
    '',
    '`leadpact <command> --help`: its options and the variables it needs.',
    '`leadpact --version`: the version.',
    '',
  ].join('\n');
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string) => {
      // A second signal while shutting down means "now".
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGTERM', handler);
    process.once('SIGINT', handler);
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage(terminalWidth(process.stdout)));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    process.stdout.write(`leadpact ${leadpactVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    process.stderr.write(`leadpact: unknown command "${name}"\n\n${usage(terminalWidth(process.stderr))}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = Object.fromEntries(
      Object.entries(optionsOf(command)).map(([key, spec]) => [
        key,
        spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
      ]),
    );
    parsed = parseArgs({
      args: [...rest],
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(
      `leadpact ${command.name}: ${error instanceof Error ? error.message : String(error)}\n\n${commandHelp(command, terminalWidth(process.stderr))}`,
    );
    return 2;
  }
  if (parsed.values.help === true) {
    process.stdout.write(commandHelp(command, terminalWidth(process.stdout)));
    return 0;
  }
  // Only this file reads process.env: everything else receives the parsed, frozen result.
  const loaded = loadEnv(process.env, command.needs);
  const verbose = command.options.verbose === undefined && parsed.values.verbose === true;
  const env = verbose ? { ...loaded, logLevel: 'debug' as const, logLevelSet: true } : loaded;
  const logger = createLogger({ level: env.logLevel }).child({ command: command.name });
  return command.run({
    env,
    logger,
    options: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
    out: process.stdout,
    err: process.stderr,
    stopRequested: stopSignal(),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Long-running commands close everything they opened; anything left (a stray timer) must not keep us alive.
    setTimeout(() => process.exit(code), 1_000).unref();
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`leadpact: ${error.message}\n`);
    } else if (isLeadpactError(error)) {
      process.stderr.write(`leadpact: ${error.code}: ${scrubText(error.message)}\n`);
    } else {
      process.stderr.write(
        `leadpact: unexpected error: ${scrubText(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
      );
    }
    process.exitCode = 1;
  },
);
