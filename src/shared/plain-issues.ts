import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

const NOUNS: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  date: 'a date',
  null: 'nothing (null)',
};

/** What a YAML or environment value is, in words: "the text \"12\"", "a list". */
function described(input: unknown): string {
  if (input === null) return 'nothing (null)';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string':
      return `the text ${JSON.stringify(input.length > 40 ? `${input.slice(0, 39)}…` : input)}`;
    case 'number':
    case 'boolean':
      return `${String(input)}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof input;
  }
}

const unitOf = (origin: string, n: number | bigint): string => {
  const plural = Number(n) === 1 ? '' : 's';
  if (origin === 'string') return ` character${plural}`;
  if (origin === 'array' || origin === 'set') return ` item${plural}`;
  return '';
};

function bound(issue: RawIssue & { code: 'too_big' | 'too_small' }): string {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const unit = unitOf(issue.origin, limit);
  if (issue.exact === true) return `must have exactly ${String(limit)}${unit}`;
  if ((issue.origin === 'array' || issue.origin === 'set') && !big && Number(limit) === 1)
    return 'must list at least one item';
  const inclusive = issue.inclusive !== false;
  const words = big ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than';
  const got = typeof issue.input === 'number' ? ` (got ${issue.input})` : '';
  return `must be ${words} ${String(limit)}${unit}${got}`;
}

/**
 * zod's issues in plain words, for people who edit a protocol file or set a variable: "must be at
 * most 99 (got 120)" rather than "Too big: expected number to be <100". A schema's own message,
 * written for its field, always wins; this covers the generic checks. Pass as `{ error: plainIssue }`.
 */
export function plainIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `expected ${NOUNS[issue.expected] ?? issue.expected}, got ${described(issue.input)}`;
    case 'too_big':
    case 'too_small':
      return bound(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((value) => String(value)).join(', ')} (got ${described(issue.input)})`;
    case 'invalid_format':
      return `is not ${issue.format === 'regex' ? 'in the expected form' : `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union': {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest === undefined
        ? `${described(issue.input)} is none of the accepted forms`
        : `${described(issue.input)} is none of the accepted forms (the closest: ${closest.message})`;
    }
    case 'invalid_key':
      return 'has a key that is not allowed here';
    case 'invalid_element':
      return 'holds a value that is not allowed here';
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'custom':
      return undefined;
  }
}
