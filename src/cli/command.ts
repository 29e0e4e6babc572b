import type { Env, EnvNeeds } from '../config/env';
import { REQUIREMENTS } from '../config/env.schema';
import { wrapText } from '../shared/text-layout';
import type { Logger } from '../shared/logger';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly description: string;
  /** Shown in --help; the command applies it. */
  readonly default?: string;
}

export interface CommandContext {
  readonly env: Env;
  readonly logger: Logger;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  /** Resolves with the signal's name when the process is asked to stop (SIGTERM, SIGINT). */
  readonly stopRequested: Promise<string>;
}

/** What a command is, without its implementation: enough to list it, parse its options and show its help. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** The argument synopsis after the command name, e.g. "[FILE] [--dry-run]". */
  readonly synopsis: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly needs: EnvNeeds;
}

export interface Command extends CommandSpec {
  /** Resolves with the process exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Options every command takes, shown at the end of each help. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  verbose: {
    type: 'boolean',
    short: 'v',
    description: 'Log at debug level, as LOG_LEVEL=debug (JSON lines; the operator commands log only when asked)',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

/** A command's options, then the common ones it does not define itself (provision's --verbose is its own). */
export function optionsOf(command: CommandSpec): Readonly<Record<string, OptionSpec>> {
  const common = Object.entries(COMMON_OPTIONS).filter(([name]) => command.options[name] === undefined);
  return { ...command.options, ...Object.fromEntries(common) };
}

const FLAG_WIDTH = 28;

function optionLines(options: Readonly<Record<string, OptionSpec>>, width: number): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
    const text = `${spec.description}${spec.default === undefined ? '' : ` [${spec.default}]`}`;
    const indent = ' '.repeat(FLAG_WIDTH + 3);
    // A flag longer than its column starts the description on the next line.
    return flag.length > FLAG_WIDTH
      ? `  ${flag}\n${wrapText(text, width, indent)}`
      : wrapText(text, width, `  ${flag.padEnd(FLAG_WIDTH)} `, indent);
  });
}

/** The variables the command cannot run without, from the one list loadEnv enforces. */
function requirementLines(needs: EnvNeeds, width: number): string[] {
  const requirements = [
    ...(needs.crm === true ? REQUIREMENTS.crm : []),
    ...(needs.webhooks === true ? REQUIREMENTS.webhooks : []),
  ];
  if (requirements.length === 0) return [];
  return [
    '',
    'Requires in the environment:',
    ...requirements.map((requirement) => wrapText(requirement.help, width, '  ', '    ')),
  ];
}

/** A command's help, wrapped to `width` columns. */
export function commandHelp(command: CommandSpec, width = 80): string {
  const lines = [
    wrapText(`leadpact ${command.name} ${command.synopsis}`, width, '', '    '),
    '',
    wrapText(command.summary, width),
    ...requirementLines(command.needs, width),
    '',
    'Options:',
    ...optionLines(optionsOf(command), width),
  ];
  return `${lines.join('\n')}\n`;
}
