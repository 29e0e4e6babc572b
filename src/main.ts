import { parseArgs } from 'node:util';
import { commandHelp, optionsOf, type Command, type CommandSpec } from './cli/command';
import {
  backfillSpec,
  checkSpec,
  demoSpec,
  dlqSpec,
  doctorSpec,
  provisionSpec,
  replaySpec,
  reportSpec,
  rulesSpec,
  serveSpec,
  shareSpec,
  simSpec,
  startSpec,
  workSpec,
} from './cli/command-specs';
import { terminalWidth, wrapText } from './shared/text-layout';
import { leadpactVersion } from './cli/version';
import { loadEnv } from './config/env';
import { ConfigError, isLeadpactError } from './shared/errors';
import { createLogger, scrubText } from './shared/logger';

/**
 * A command's description, and how to load what it does. The implementation is imported only for
 * the command that runs: each pulls in its own share of the dependencies (HTTP server, CRM
 * clients, queues), and loading them all made every command, `backfill` included, start at
 * ~180 MB. `import()` stays a real dynamic import in the CommonJS build (module nodenext).
 */
interface Entry {
  readonly spec: CommandSpec;
  load(): Promise<Command>;
}

const COMMANDS: readonly Entry[] = [
  { spec: demoSpec, load: async () => (await import('./cli/demo-command.js')).demoCommand },
  { spec: startSpec, load: async () => (await import('./cli/service-commands.js')).startCommand },
  { spec: serveSpec, load: async () => (await import('./cli/service-commands.js')).serveCommand },
  { spec: workSpec, load: async () => (await import('./cli/service-commands.js')).workCommand },
  { spec: simSpec, load: async () => (await import('./cli/sim-command.js')).simCommand },
  { spec: provisionSpec, load: async () => (await import('./cli/provision-command.js')).provisionCommand },
  { spec: doctorSpec, load: async () => (await import('./cli/doctor-command.js')).doctorCommand },
  { spec: backfillSpec, load: async () => (await import('./cli/backfill-command.js')).backfillCommand },
  { spec: dlqSpec, load: async () => (await import('./cli/dlq-command.js')).dlqCommand },
  { spec: replaySpec, load: async () => (await import('./cli/replay-command.js')).replayCommand },
  { spec: reportSpec, load: async () => (await import('./cli/report-command.js')).reportCommand },
  { spec: shareSpec, load: async () => (await import('./cli/share-command.js')).shareCommand },
  { spec: rulesSpec, load: async () => (await import('./cli/rules-command.js')).rulesCommand },
  { spec: checkSpec, load: async () => (await import('./cli/check-command.js')).checkCommand },
];

function usage(columns: number): string {
  const width = Math.max(...COMMANDS.map(({ spec }) => spec.name.length)) + 4;
  const list = COMMANDS.map(({ spec: c }) =>
    wrapText(c.summary, columns, `  ${c.name.padEnd(width - 2)}`, ' '.repeat(width)),
  );
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
  const entry = COMMANDS.find(({ spec }) => spec.name === name);
  if (entry === undefined) {
    process.stderr.write(`leadpact: unknown command "${name}"\n\n${usage(terminalWidth(process.stderr))}`);
    return 2;
  }
  const command = entry.spec;
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
  const implementation = await entry.load();
  return implementation.run({
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
