import pino from 'pino';
import type { Env } from '../config/env';
import { createLogger, type Logger } from '../shared/logger';
import { commandHelp, type CommandContext, type CommandSpec } from './command';
import { terminalWidth } from '../shared/text-layout';

/**
 * A wrong invocation: what is wrong, then the command's help, on stderr; exit code 2 as for an
 * unknown option, so scripts can tell "you called it wrong" (2) from "it failed" (1).
 */
export function usageError(command: CommandSpec, context: CommandContext, message: string): number {
  context.err.write(`leadpact ${command.name}: ${message}\n\n${commandHelp(command, terminalWidth(context.err))}`);
  return 2;
}

/**
 * The operator commands print their results on stdout for people (a report, a table), so their
 * logs go to stderr, and only when asked (LOG_LEVEL or --verbose): JSON lines are for the
 * services, not for someone reading what `leadpact check` says.
 */
export function stderrLogger(env: Env, command: string): Logger {
  const level = env.logLevelSet ? env.logLevel : 'silent';
  return createLogger({ level, destination: pino.destination({ fd: 2, sync: true }) }).child({ command });
}

export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(context: CommandContext, name: string): boolean {
  return context.options[name] === true;
}
