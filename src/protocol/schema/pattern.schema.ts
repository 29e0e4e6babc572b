import { RE2 } from 're2-wasm';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';

/**
 * A rule's `matches` pattern runs on RE2 (compiled to WebAssembly, no native build), whose time is
 * linear in the value's length: `^(\w+\s?)*$` on a 29-character job title blocked Node's
 * backtracking engine for 38 s. RE2 has no backreferences and no lookaround; those are refused at load.
 * https://github.com/google/re2/wiki/Syntax
 */
export const MAX_PATTERN_LENGTH = 500;

/** Only the first 1,000 characters of a property value are matched: the engine's work stays bounded per rule. */
export const MAX_MATCHED_LENGTH = 1_000;

export interface PatternSearch {
  readonly found: boolean;
  /** How many characters the engine was given: never more than MAX_MATCHED_LENGTH. */
  readonly scanned: number;
}

export interface ProtocolPattern {
  readonly source: string;
  search(value: string): PatternSearch;
}

/** re2-wasm encodes to UTF-8 and a lone surrogate (or one cut in half at the cap) makes every match fail. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

const PREFIX = 'Invalid regular expression: /';

function refusal(source: string, flags: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(`/${flags}: `, PREFIX.length + source.length - 1);
  const detail = at === -1 ? message : message.slice(at + flags.length + 3);
  if (/^invalid escape sequence: \\[1-9k]/.test(detail))
    return `backreferences (\\1, \\k<name>) are not supported: patterns run on RE2, a linear-time engine (${detail})`;
  if (/^invalid perl operator: \(\?[=!<]/.test(detail))
    return `lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported: patterns run on RE2, a linear-time engine (${detail})`;
  if (/^invalid repetition size/.test(detail)) return `a repetition count may be at most 1000 (${detail})`;
  if (/pattern too large/.test(detail))
    return 'the pattern is too large once its repetitions are expanded; simplify it';
  return `not a valid regular expression (${detail})`;
}

function compile(source: string, caseSensitive: boolean): Result<ProtocolPattern, string> {
  const flags = caseSensitive ? 'u' : 'iu';
  let engine: RE2;
  try {
    engine = new RE2(source, flags);
  } catch (error) {
    return err(refusal(source, flags, error));
  }
  return ok({
    source,
    search(value) {
      const head = value.length > MAX_MATCHED_LENGTH ? value.slice(0, MAX_MATCHED_LENGTH) : value;
      return { found: engine.test(head.replace(LONE_SURROGATE, '\uFFFD')), scanned: head.length };
    },
  });
}

/** Compiled once per pattern and flag: a protocol holds a few dozen, and re2-wasm's RE2 has no way to be freed. */
const compiled = new Map<string, Result<ProtocolPattern, string>>();
const MAX_CACHED = 1_000;

/** The compiled pattern, or why the engine refuses it (a sentence for `leadpact check`). */
export function compilePattern(source: string, caseSensitive: boolean): Result<ProtocolPattern, string> {
  const key = `${caseSensitive ? 's' : 'i'}:${source}`;
  let pattern = compiled.get(key);
  if (pattern === undefined) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    pattern = compile(source, caseSensitive);
    compiled.set(key, pattern);
  }
  return pattern;
}

export const patternSchema = z
  .string()
  .min(1)
  .max(MAX_PATTERN_LENGTH, `a pattern may be at most ${MAX_PATTERN_LENGTH} characters`)
  .superRefine((source, ctx) => {
    if (source.length > MAX_PATTERN_LENGTH) return;
    const pattern = compilePattern(source, false);
    if (!pattern.ok) ctx.addIssue({ code: 'custom', message: pattern.error });
  });
