import { isAlias, isCollection, isNode, isPair, isScalar, type Alias, type Document, type Node } from 'yaml';

/** A protocol is a few hundred lines; a megabyte is a wrong file, not a protocol, and is refused unread. */
export const MAX_YAML_BYTES = 1_048_576;
/** The protocol nests six levels; deeper documents only exhaust the parser's and the validator's stacks. */
export const MAX_YAML_DEPTH = 64;
/** How many values aliases may add in all: `*a` repeating `&a` nine times, five levels deep, is millions. */
export const MAX_ALIASED_VALUES = 10_000;

type PathSegment = string | number;

/** What makes a document unusable before its schema is looked at, and where (an offset in the text). */
export interface YamlFlaw {
  readonly path: string;
  readonly message: string;
  readonly offset: number;
}

export function dotted(path: readonly PathSegment[], root = '(root)'): string {
  if (path.length === 0) return root;
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

// YAML admits only printable characters (YAML 1.2 §5.1, c-printable); U+FFFD is what Node's
// UTF-8 decoder leaves for a byte that is not UTF-8, so a binary file shows one within its first bytes.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uD800-\uDFFF\uFFFD-\uFFFF]/u;

function oversizeOffset(text: string): number | undefined {
  if (text.length <= MAX_YAML_BYTES / 4) return undefined;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_YAML_BYTES) return undefined;
  return bytes.subarray(0, MAX_YAML_BYTES).toString('utf8').length - 1;
}

/** Flaws of the text itself, found before parsing: too large to be a protocol, or not text at all. */
export function textFlaw(text: string): YamlFlaw | undefined {
  const oversize = oversizeOffset(text);
  if (oversize !== undefined) {
    const message = `the file is larger than ${MAX_YAML_BYTES / 1_048_576} MB, the most a protocol file may be; this line is past the limit`;
    return { path: '(file)', message, offset: oversize };
  }
  const bad = NOT_TEXT.exec(text);
  if (bad === null) return undefined;
  const char = bad[0].codePointAt(0) ?? 0;
  const message =
    char === 0xfffd
      ? 'the file is not UTF-8 text: a byte here is not valid UTF-8 (a binary file, or another encoding)'
      : `the file is not text: character U+${char.toString(16).toUpperCase().padStart(4, '0')} is not allowed in YAML (a binary file?)`;
  return { path: '(file)', message, offset: bad.index };
}

/**
 * Walks the parsed document once, in text order, to refuse what would make reading it unsafe:
 * nesting deeper than MAX_YAML_DEPTH, a list or mapping used as a key, an alias with no anchor
 * before it or inside its own anchor, and aliases that expand past MAX_ALIASED_VALUES (an alias bomb).
 */
class StructureWalk {
  private readonly anchors = new Map<string, Node>();
  private readonly sizes = new Map<Node, number>();
  private readonly path: PathSegment[] = [];
  private aliased = 0;
  flaw: YamlFlaw | undefined;

  size(node: unknown, depth: number): number {
    if (this.flaw !== undefined || !isNode(node)) return 0;
    if (isAlias(node)) return this.alias(node);
    if (node.anchor !== undefined) this.anchors.set(node.anchor, node);
    if (!isCollection(node)) return this.done(node, 1);
    if (depth >= MAX_YAML_DEPTH) return this.fail(node, `nested more than ${MAX_YAML_DEPTH} levels deep`);
    let total = 1;
    node.items.forEach((item: unknown, index) => {
      if (!isPair(item)) {
        total += this.within(index, () => this.size(item, depth + 1));
        return;
      }
      if (isNode(item.key) && !isScalar(item.key)) {
        this.fail(item.key, 'a key must be plain text, not a list, a mapping or an alias');
        return;
      }
      const key = isScalar(item.key) ? String(item.key.value) : '';
      total += this.size(item.key, depth + 1) + this.within(key, () => this.size(item.value, depth + 1));
    });
    return this.done(node, total);
  }

  private alias(node: Alias): number {
    const target = this.anchors.get(node.source);
    if (target === undefined) return this.fail(node, `alias *${node.source} has no anchor &${node.source} before it`);
    const size = this.sizes.get(target);
    if (size === undefined)
      return this.fail(node, `alias *${node.source} is inside the value it repeats (&${node.source})`);
    this.aliased += size;
    if (this.aliased > MAX_ALIASED_VALUES) {
      return this.fail(
        node,
        `aliases expand the document past ${MAX_ALIASED_VALUES.toLocaleString('en-US')} values here (an alias bomb?); write the values out`,
      );
    }
    return size;
  }

  private within(segment: PathSegment, walk: () => number): number {
    this.path.push(segment);
    const size = walk();
    this.path.pop();
    return size;
  }

  private done(node: Node, size: number): number {
    this.sizes.set(node, size);
    return size;
  }

  private fail(node: Node, message: string): number {
    const path = this.path.length > 8 ? `${dotted(this.path.slice(0, 8))}…` : dotted(this.path);
    this.flaw ??= { path, message, offset: node.range?.[0] ?? 0 };
    return 0;
  }
}

export function structureFlaw(doc: Document): YamlFlaw | undefined {
  const walk = new StructureWalk();
  walk.size(doc.contents, 0);
  return walk.flaw;
}
