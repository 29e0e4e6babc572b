import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';

type PathSegment = string | number;

export interface LoadedYaml {
  readonly value: unknown;
  /** Where a path of the document starts in the text (1-based), for error messages. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): { line: number; column: number } | undefined;
}

/** Parses YAML text, reporting syntax errors (all of them) with line and column. */
export function loadYaml(text: string, source: string): Result<LoadedYaml, ConfigError> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { path: '(syntax)', message: e.message.split('\n')[0] ?? e.code, line: pos.line, column: pos.col };
    });
    return err(new ConfigError('PROTOCOL_INVALID', source, problems));
  }
  return ok({
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    locate: (path, at = 'value') => locate(doc, lineCounter, path, at),
  });
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
  if (offset === undefined) return undefined;
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
  const parsed = schema.safeParse(loaded.value);
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
  const dotted =
    path.length === 0
      ? '(root)'
      : path
          .map((p) => (typeof p === 'number' ? `[${p}]` : p))
          .join('.')
          .replace(/\.\[/g, '[');
  return where === undefined
    ? { path: dotted, message }
    : { path: dotted, message, line: where.line, column: where.column };
}
