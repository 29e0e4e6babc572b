import { err, ok, type Result } from './result';

// Command-line option values, checked with a message that names the option: the CLI's and the demo's.

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
