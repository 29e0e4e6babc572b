/** Tokens of the SOQL subset: identifiers, literals, operators and punctuation, with positions. */

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Decoded value of a string literal. */
  readonly value: string;
  /** Offset in the query text, for Row:1:Column:N in error messages. */
  readonly offset: number;
}

export class SoqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w:])/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?![\w])/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'];
const PUNCTUATION = new Set(['(', ')', ',', '.', ':']);

// SOQL escape sequences in quoted strings.
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  _: '\\_',
  '%': '\\%',
};

function readString(text: string, start: number): { token: Token; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === "'")
      return { token: { kind: 'string', text: text.slice(start, i + 1), value, offset: start }, end: i + 1 };
    if (char === '\\') {
      const escaped = ESCAPES[text.charAt(i + 1)];
      if (escaped === undefined)
        throw new SoqlSyntaxError(
          `Invalid string literal '${text.slice(start, i + 2)}'. Illegal character sequence '\\${text.charAt(i + 1)}' in string literal.`,
          i,
        );
      value += escaped;
      i += 2;
      continue;
    }
    value += char;
    i += 1;
  }
  throw new SoqlSyntaxError('unexpected token: <EOF>', text.length);
}

function readToken(text: string, i: number): { token: Token; end: number } {
  const rest = text.slice(i);
  if (rest.startsWith("'")) return readString(text, i);
  for (const [kind, pattern] of [
    ['datetime', DATETIME],
    ['date', DATE],
    ['number', NUMBER],
    ['ident', IDENT],
  ] as const) {
    const match = pattern.exec(rest);
    if (match !== null)
      return { token: { kind, text: match[0], value: match[0], offset: i }, end: i + match[0].length };
  }
  const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (op !== undefined) return { token: { kind: 'op', text: op, value: op, offset: i }, end: i + op.length };
  const char = rest.charAt(0);
  if (PUNCTUATION.has(char)) return { token: { kind: 'punct', text: char, value: char, offset: i }, end: i + 1 };
  throw new SoqlSyntaxError(`unexpected token: '${char}'`, i);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text.charAt(i))) {
      i += 1;
      continue;
    }
    const { token, end } = readToken(text, i);
    tokens.push(token);
    i = end;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', offset: text.length });
  return tokens;
}
