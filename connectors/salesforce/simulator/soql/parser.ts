import type { CompareOp, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './ast';
import { SoqlSyntaxError, tokenize, type Token } from './lexer';
import { parseDateTime } from '../schema/values';

/**
 * A recursive-descent parser for the SOQL subset jsforce's query builder and leadpact emit:
 * SELECT fields | COUNT() | (child subquery) FROM object [WHERE ...] [ORDER BY ...] [LIMIT n]
 * [OFFSET n] [FOR VIEW | FOR REFERENCE]. Anything else (GROUP BY, semi-joins, FOR UPDATE ...) is a
 * syntax error, which the API reports as MALFORMED_QUERY.
 */

const DATE_RANGES = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_N_DAYS', 'NEXT_N_DAYS']);
const N_DAY_RANGES = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);
const RESERVED = new Set([
  'AND',
  'OR',
  'NOT',
  'FROM',
  'WHERE',
  'ORDER',
  'BY',
  'LIMIT',
  'OFFSET',
  'IN',
  'LIKE',
  'NULL',
  'NULLS',
  'ASC',
  'DESC',
  'SELECT',
  'GROUP',
  'HAVING',
  'WITH',
  'FOR',
  'USING',
  'TYPEOF',
]);

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    if (token === undefined) throw new SoqlSyntaxError('unexpected token: <EOF>', 0);
    return token;
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private unexpected(token: Token = this.peek()): SoqlSyntaxError {
    return new SoqlSyntaxError(
      token.kind === 'eof' ? 'unexpected token: <EOF>' : `unexpected token: '${token.text}'`,
      token.offset,
    );
  }

  private isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index += 1;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected();
  }

  private isPunct(char: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === char;
  }

  private expectPunct(char: string): void {
    if (!this.acceptPunct(char)) throw this.unexpected();
  }

  private identifier(): Token {
    const token = this.next();
    if (token.kind !== 'ident' || RESERVED.has(token.text.toUpperCase())) throw this.unexpected(token);
    return token;
  }

  /**
   * The object after FROM. Group (queues and public groups) is an object name there although GROUP
   * is reserved elsewhere: `SELECT Id FROM Group WHERE Type = 'Queue'` is documented SOQL
   * (Object Reference, "Group"); only GROUP BY makes it a clause.
   */
  private objectName(): Token {
    if (this.isKeyword('GROUP') && !this.isKeyword('BY', 1)) return this.next();
    return this.identifier();
  }

  private fieldPath(): FieldPath {
    const first = this.identifier();
    const path = [first.text];
    while (this.acceptPunct('.')) path.push(this.identifier().text);
    return { path, offset: first.offset };
  }

  parse(): SoqlQuery {
    const query = this.query();
    const usage = this.acceptKeyword('FOR') ? this.usage() : undefined;
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return { ...query, usage };
  }

  /**
   * FOR VIEW / FOR REFERENCE (outer query only): on the platform they stamp LastViewedDate /
   * LastReferencedDate on the returned records and otherwise leave the query as it is; this
   * simulator models neither field, so they only parse. FOR UPDATE (row locks) stays refused.
   * (SOQL and SOSL Reference, "FOR VIEW" and "FOR REFERENCE").
   */
  private usage(): 'VIEW' | 'REFERENCE' {
    if (this.acceptKeyword('VIEW')) return 'VIEW';
    if (this.acceptKeyword('REFERENCE')) return 'REFERENCE';
    throw this.unexpected();
  }

  private query(): SoqlQuery {
    this.expectKeyword('SELECT');
    const select = this.selectList();
    this.expectKeyword('FROM');
    const objectToken = this.objectName();
    const where = this.acceptKeyword('WHERE') ? this.condition() : undefined;
    const orderBy = this.isKeyword('ORDER') ? this.orderBy() : [];
    const limit = this.acceptKeyword('LIMIT') ? this.integer() : undefined;
    const offset = this.acceptKeyword('OFFSET') ? this.integer() : undefined;
    const object = { name: objectToken.text, offset: objectToken.offset };
    return { select, object, where, orderBy, limit, offset, usage: undefined };
  }

  private acceptPunct(char: string): boolean {
    if (!this.isPunct(char)) return false;
    this.index += 1;
    return true;
  }

  private selectList(): SelectItem[] {
    const items = [this.selectItem()];
    while (this.acceptPunct(',')) items.push(this.selectItem());
    return items;
  }

  private selectItem(): SelectItem {
    if (this.isPunct('(')) {
      const offset = this.next().offset;
      const query = this.query();
      this.expectPunct(')');
      return { kind: 'subquery', query, offset };
    }
    if (this.isKeyword('COUNT') && this.peek(1).text === '(') {
      const offset = this.next().offset;
      this.expectPunct('(');
      const field = this.isPunct(')') ? undefined : this.fieldPath();
      this.expectPunct(')');
      const alias =
        field !== undefined && this.peek().kind === 'ident' && !RESERVED.has(this.peek().text.toUpperCase())
          ? this.next().text
          : undefined;
      return { kind: 'count', field, alias, offset };
    }
    return { kind: 'field', field: this.fieldPath() };
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  private orderBy(): OrderItem[] {
    this.expectKeyword('ORDER');
    this.expectKeyword('BY');
    const items = [this.orderItem()];
    while (this.acceptPunct(',')) items.push(this.orderItem());
    return items;
  }

  /** Nulls sort first ascending and last descending unless NULLS FIRST / LAST says otherwise. */
  private orderItem(): OrderItem {
    const field = this.fieldPath();
    const direction = this.acceptKeyword('DESC') ? 'DESC' : 'ASC';
    if (direction === 'ASC') this.acceptKeyword('ASC');
    let nulls: 'FIRST' | 'LAST' = direction === 'ASC' ? 'FIRST' : 'LAST';
    if (this.acceptKeyword('NULLS')) {
      if (this.acceptKeyword('FIRST')) nulls = 'FIRST';
      else if (this.acceptKeyword('LAST')) nulls = 'LAST';
      else throw this.unexpected();
    }
    return { field, direction, nulls };
  }

  /** One level of AND or OR: SOQL refuses to mix them without parentheses. */
  private condition(): Condition {
    let left = this.unary();
    const joiner = this.isKeyword('AND') ? 'AND' : this.isKeyword('OR') ? 'OR' : undefined;
    if (joiner === undefined) return left;
    while (this.acceptKeyword(joiner)) {
      left = { kind: joiner === 'AND' ? 'and' : 'or', left, right: this.unary() };
    }
    if (this.isKeyword('AND') || this.isKeyword('OR')) throw this.unexpected();
    return left;
  }

  private unary(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', inner: this.unary() };
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    return this.fieldCondition();
  }

  private fieldCondition(): Condition {
    const field = this.fieldPath();
    const token = this.peek();
    if (token.kind === 'op') {
      this.index += 1;
      const op: CompareOp = token.text === '<>' ? '!=' : (token.text as CompareOp);
      return { kind: 'compare', field, op, value: this.literal(), offset: token.offset };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN'))
      return { kind: 'in', field, negated, values: this.literalList(), offset: token.offset };
    if (!negated && this.acceptKeyword('LIKE')) {
      const pattern = this.next();
      if (pattern.kind !== 'string') throw this.unexpected(pattern);
      return { kind: 'like', field, pattern: pattern.value, offset: token.offset };
    }
    throw this.unexpected();
  }

  private literalList(): Literal[] {
    this.expectPunct('(');
    if (this.isKeyword('SELECT'))
      throw new SoqlSyntaxError('semi-join sub-selects are not supported by this simulator', this.peek().offset);
    const values = [this.literal()];
    while (this.acceptPunct(',')) values.push(this.literal());
    this.expectPunct(')');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'date':
        return { kind: 'date', value: token.text };
      case 'datetime': {
        const value = parseDateTime(token.text);
        if (value === undefined)
          throw new SoqlSyntaxError(
            `line 1:${token.offset} no viable alternative at character '${token.text}'`,
            token.offset,
          );
        return { kind: 'datetime', value };
      }
      case 'ident':
        return this.wordLiteral(token);
      case 'op':
      case 'punct':
      case 'eof':
        throw this.unexpected(token);
    }
  }

  private wordLiteral(token: Token): Literal {
    const word = token.text.toUpperCase();
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
    if (word === 'NULL') return { kind: 'null' };
    if (!DATE_RANGES.has(word)) throw this.unexpected(token);
    if (!N_DAY_RANGES.has(word)) return { kind: 'dateRange', name: word, n: undefined };
    this.expectPunct(':');
    return { kind: 'dateRange', name: word, n: this.integer() };
  }
}

export function parseSoql(text: string): SoqlQuery {
  return new Parser(tokenize(text)).parse();
}

/** The platform's MALFORMED_QUERY message: the query line, a caret, Row:Column and the reason. */
export function describeSyntaxError(text: string, offset: number, reason: string): string {
  const before = text.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = offset - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${reason}`;
}
