import type { Env, EnvNeeds } from '../config/env';
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

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The argument synopsis after the command name, e.g. "[FILE] [--dry-run]". */
  readonly synopsis: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly needs: EnvNeeds;
  /** Resolves with the process exit code. */
  run(context: CommandContext): Promise<number>;
}

export function commandHelp(command: Command): string {
  const lines = [`leadpact ${command.name} ${command.synopsis}`.trimEnd(), '', command.summary, ''];
  const entries = Object.entries(command.options);
  if (entries.length > 0) lines.push('Options:');
  for (const [name, spec] of entries) {
    const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.type === 'string' ? ' VALUE' : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${spec.default === undefined ? '' : ` [${spec.default}]`}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(28)} Show this help`);
  return `${lines.join('\n')}\n`;
}
