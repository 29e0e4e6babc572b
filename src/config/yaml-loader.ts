import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../shared/errors';
import { dotted, MAX_ALIASED_VALUES, structureFlaw, textFlaw } from './yaml-limits';
import { plainIssue } from '../shared/plain-issues';
import { err, ok, type Result } from '../shared/result';

type PathSegment = string | number;

export interface LoadedYaml {
  readonly value: unknown;
  /** Where a path of the document starts in the text (1-based), for error messages. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): { line: number; column: number } | undefined;
}

const MAX_SYNTAX_PROBLEMS = 20;

function problemAt(lines: LineCounter, offset: number, path: string, message: string): ConfigProblem {
  const pos = lines.linePos(offset);
  return { path, message, line: pos.line, column: pos.col };
}

/** The parser's words where they would mislead: its own stack overflow on deep nesting, its API advice. */
function syntaxMessage(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.code;
  if (/stack/i.test(first)) return 'nested too deeply to read';
  if (error.code === 'MULTIPLE_DOCS')
    return 'a protocol file holds one YAML document; remove this "---" and what follows';
  return first;
}

function syntaxProblems(doc: Document, lines: LineCounter): ConfigProblem[] {
  const seen = new Set<string>();
  const all = doc.errors
    .map((e) => problemAt(lines, e.pos[0], '(syntax)', syntaxMessage(e)))
    .filter((problem) => {
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      return !seen.has(key) && seen.add(key);
    });
  const problems = all.slice(0, MAX_SYNTAX_PROBLEMS);
  const more = all[MAX_SYNTAX_PROBLEMS];
  if (more !== undefined) {
    problems.push({ ...more, message: `and ${all.length - MAX_SYNTAX_PROBLEMS} more syntax errors from here on` });
  }
  return problems;
}

function parse(text: string, lines: LineCounter): Document | ConfigProblem[] {
  const flaw = textFlaw(text);
  if (flaw !== undefined) {
    const before = text.slice(0, flaw.offset);
    const line = before.split('\n').length;
    return [{ path: flaw.path, message: flaw.message, line, column: flaw.offset - before.lastIndexOf('\n') }];
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return syntaxProblems(doc, lines);
  const unsafe = structureFlaw(doc);
  return unsafe === undefined ? doc : [problemAt(lines, unsafe.offset, unsafe.path, unsafe.message)];
}

/**
 * Parses YAML text, reporting syntax errors (all of them, up to 20) with line and column, and
 * refusing what is unsafe to read (too large, not text, too deep, an alias bomb) before reading it.
 */
export function loadYaml(text: string, source: string): Result<LoadedYaml, ConfigError> {
  const lineCounter = new LineCounter();
  const doc = parse(text, lineCounter);
  if (Array.isArray(doc)) return err(new ConfigError('PROTOCOL_INVALID', source, doc));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASED_VALUES });
  } catch (error) {
    // structureFlaw refuses what the yaml package throws on (aliases); kept as a protocol error if it ever differs.
    const message = `cannot be read as data: ${error instanceof Error ? error.message : String(error)}`;
    return err(new ConfigError('PROTOCOL_INVALID', source, [{ path: '(syntax)', message, line: 1, column: 1 }]));
  }
  return ok({ value, locate: (path, at = 'value') => locate(doc, lineCounter, path, at) });
}

function locate(doc: Document, lines: LineCounter, path: readonly PathSegment[], at: 'key' | 'value') {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let deepest: Node | undefined = isNode(node) ? node : undefined;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    if (isNode(node)) deepest = node;
    else if (keyNode !== undefined) deepest = keyNode;
  }
  const target = at === 'key' && keyNode !== undefined ? keyNode : deepest;
  const offset = target?.range?.[0];
  // An empty document has no node at all: its problems are at the top of the file.
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Validates a loaded document against a zod schema and turns every issue into a problem that
 * names its dotted path and its line; an unknown key is reported at the key itself.
 */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  loaded: LoadedYaml,
  source: string,
): Result<z.infer<S>, ConfigError> {
  const parsed = schema.safeParse(loaded.value, { error: plainIssue });
  if (parsed.success) return ok(parsed.data);
  const problems: ConfigProblem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push(withLocation(loaded, [...path, key], `unknown key "${key}"`, 'key'));
      }
      continue;
    }
    problems.push(withLocation(loaded, path, issue.message, 'value'));
  }
  return err(new ConfigError('PROTOCOL_INVALID', source, problems));
}

function withLocation(
  loaded: LoadedYaml,
  path: readonly PathSegment[],
  message: string,
  at: 'key' | 'value',
): ConfigProblem {
  const where = loaded.locate(path, at);
  return where === undefined
    ? { path: dotted(path), message }
    : { path: dotted(path), message, line: where.line, column: where.column };
}
