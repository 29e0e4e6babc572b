import pino from 'pino';
import type { Env } from '../config/env';
import { err, ok, type Result } from '../shared/result';
import { createLogger, type Logger } from '../shared/logger';
import { commandHelp, type Command, type CommandContext } from './command';

/**
 * A wrong invocation: what is wrong, then the command's help, on stderr; exit code 2 as for an
 * unknown option, so scripts can tell "you called it wrong" (2) from "it failed" (1).
 */
export function usageError(command: Command, context: CommandContext, message: string): number {
  context.err.write(`leadpact ${command.name}: ${message}\n\n${commandHelp(command)}`);
  return 2;
}

/**
 * The operator commands print their results on stdout (a report, a JSON line), so their logs go
 * to stderr: `leadpact report --format json > card.json` must hold nothing but the JSON.
 */
export function stderrLogger(env: Env, command: string): Logger {
  return createLogger({ level: env.logLevel, destination: pino.destination({ fd: 2, sync: true }) }).child({ command });
}

export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(context: CommandContext, name: string): boolean {
  return context.options[name] === true;
}

/** A whole number within [min, max], or what is wrong with the text, in words. */
export function parseWholeNumber(text: string, name: string, min: number, max: number): Result<number, string> {
  if (!/^[0-9]+$/.test(text)) return err(`--${name} expects a whole number, got ${JSON.stringify(text.slice(0, 40))}`);
  const value = Number(text);
  if (value < min || value > max) return err(`--${name} must be between ${min} and ${max}, got ${value}`);
  return ok(value);
}

/** One of the allowed values, or what is wrong. */
export function parseChoice<T extends string>(text: string, name: string, choices: readonly T[]): Result<T, string> {
  const found = choices.find((choice) => choice === text);
  return found === undefined
    ? err(`--${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(text.slice(0, 40))}`)
    : ok(found);
}
