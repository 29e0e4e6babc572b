import type { Row, Value } from '../schema/values';

/**
 * A small subset of the Salesforce formula language, enough for the validation rules and
 * assignment-rule criteria an admin writes on leads: field references, text and number literals,
 * TRUE / FALSE / NULL, `= == != <> < <= > >= && ||`, and the functions AND, OR, NOT, ISBLANK,
 * ISPICKVAL, LEN, BEGINS, CONTAINS, ISNEW and ISCHANGED.
 * https://help.salesforce.com/s/articleView?id=sf.customize_functions.htm (Formula Operators and Functions)
 */

type Token =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'op'; readonly value: string };

export type Node =
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Node; readonly right: Node };

/** What a formula reads: the record as it would be saved, the record before (none on insert). */
export interface FormulaScope {
  readonly record: Row;
  readonly before: Row | undefined;
}

export class FormulaError extends Error {}

const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '(', ')', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    const text = /^"((?:[^"\\]|\\.)*)"|^'((?:[^'\\]|\\.)*)'/.exec(rest);
    const number = /^\d+(?:\.\d+)?/.exec(rest);
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (space !== null) i += space[0].length;
    else if (text !== null) {
      tokens.push({ kind: 'text', value: (text[1] ?? text[2] ?? '').replace(/\\(.)/g, '$1') });
      i += text[0].length;
    } else if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
    } else if (name !== null) {
      tokens.push({ kind: 'name', value: name[0] });
      i += name[0].length;
    } else if (op !== undefined) {
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    } else throw new FormulaError(`unexpected character ${JSON.stringify(rest[0])} in formula`);
  }
  return tokens;
}

// Lowest precedence first.
const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['=', '==', '!=', '<>'], ['<', '<=', '>', '>=']];

class Parser {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Node {
    const node = this.level(0);
    if (this.at < this.tokens.length) throw new FormulaError('unexpected text after the end of the formula');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private expect(op: string): void {
    const token = this.tokens[this.at];
    if (token?.kind !== 'op' || token.value !== op) throw new FormulaError(`expected "${op}" in formula`);
    this.at += 1;
  }

  private level(depth: number): Node {
    const ops = LEVELS[depth];
    if (ops === undefined) return this.primary();
    let left = this.level(depth + 1);
    for (let token = this.peek(); token?.kind === 'op' && ops.includes(token.value); token = this.peek()) {
      this.at += 1;
      left = { kind: 'binary', op: token.value, left, right: this.level(depth + 1) };
    }
    return left;
  }

  private primary(): Node {
    const token = this.tokens[this.at];
    this.at += 1;
    if (token === undefined) throw new FormulaError('the formula ends too early');
    if (token.kind === 'text' || token.kind === 'number') return { kind: 'literal', value: token.value };
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.level(0);
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'name') throw new FormulaError(`unexpected "${token.value}" in formula`);
    const upper = token.value.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'literal', value: null };
    const next = this.peek();
    if (next?.kind !== 'op' || next.value !== '(') return { kind: 'field', name: token.value };
    this.at += 1;
    const args: Node[] = [];
    while (!(this.peek()?.kind === 'op' && this.peek()?.value === ')')) {
      args.push(this.level(0));
      if (this.peek()?.kind === 'op' && this.peek()?.value === ',') this.at += 1;
    }
    this.expect(')');
    return { kind: 'call', name: upper, args };
  }
}

/** Parses a formula once; a syntax error is thrown as a FormulaError (a rule the admin could not save). */
export function parseFormula(source: string): Node {
  return new Parser(tokenize(source)).parse();
}

function fieldValue(row: Row | undefined, name: string): Value {
  if (row === undefined) return null;
  const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (row[key] ?? null);
}

function blank(value: Value): boolean {
  return value === null || value === '';
}

function truthy(value: Value): boolean {
  return value === true;
}

function compare(op: string, left: Value, right: Value): boolean {
  const a = blank(left) ? '' : left;
  const b = blank(right) ? '' : right;
  if (op === '=' || op === '==') return a === b;
  if (op === '!=' || op === '<>') return a !== b;
  if (a === '' || b === '') return false;
  const [x, y] = typeof a === 'number' && typeof b === 'number' ? [a, b] : [String(a), String(b)];
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

function call(node: Extract<Node, { kind: 'call' }>, scope: FormulaScope): Value {
  const arg = (i: number): Value => evaluate(node.args[i] ?? { kind: 'literal', value: null }, scope);
  const text = (i: number): string => (blank(arg(i)) ? '' : String(arg(i)));
  switch (node.name) {
    case 'AND':
      return node.args.every((_, i) => truthy(arg(i)));
    case 'OR':
      return node.args.some((_, i) => truthy(arg(i)));
    case 'NOT':
      return !truthy(arg(0));
    case 'ISBLANK':
      return blank(arg(0));
    case 'ISPICKVAL':
      return text(0) === text(1);
    case 'LEN':
      return text(0).length;
    case 'BEGINS':
      return text(0).startsWith(text(1));
    case 'CONTAINS':
      return text(0).includes(text(1));
    case 'ISNEW':
      return scope.before === undefined;
    case 'ISCHANGED': {
      const field = node.args[0];
      if (field?.kind !== 'field') throw new FormulaError('ISCHANGED takes a field');
      return (
        scope.before !== undefined && fieldValue(scope.before, field.name) !== fieldValue(scope.record, field.name)
      );
    }
    default:
      throw new FormulaError(`unknown function ${node.name}`);
  }
}

export function evaluate(node: Node, scope: FormulaScope): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'field':
      return fieldValue(scope.record, node.name);
    case 'call':
      return call(node, scope);
    case 'binary': {
      if (node.op === '&&') return truthy(evaluate(node.left, scope)) && truthy(evaluate(node.right, scope));
      if (node.op === '||') return truthy(evaluate(node.left, scope)) || truthy(evaluate(node.right, scope));
      return compare(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
    }
  }
}

/** Whether a formula holds for the record: TRUE and nothing else counts. */
export function holds(node: Node, scope: FormulaScope): boolean {
  return evaluate(node, scope) === true;
}
