import { checkProtocolFile } from '../../../src/config/load-protocol';
import { readConfig } from './fixtures';

const ALIAS_BOMB = [
  'version: "2026.1"',
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  '',
].join('\n');

/** What `leadpact check` prints for a file: never a stack trace or an exception's name. */
function expectProtocolError(text: string, line: number, message: string): void {
  const checked = checkProtocolFile(text, 'protocol.yaml');
  expect(checked.ok).toBe(false);
  const lines = checked.report.split('\n');
  expect(lines[0]).toBe('protocol.yaml: 1 problem');
  expect(lines[1]).toMatch(new RegExp(`^protocol\\.yaml:${line}:\\d+: `));
  expect(lines[1]).toContain(message);
  expect(lines[2]).toMatch(/^hint: /);
  expect(lines).toHaveLength(3);
  expect(checked.report).not.toMatch(/\bat .+:\d+:\d+\)?$|ReferenceError|RangeError|TypeError/m);
}

describe('`leadpact check` on a file that is not a protocol at all', () => {
  it('reports an alias bomb as a protocol error at the alias, not an exception', () => {
    expectProtocolError(ALIAS_BOMB, 6, 'e[0]: aliases expand the document past 10,000 values here');
  });

  it.each([
    ['a list', '- version: "1"\n- approval: {}\n', 1, '(root): a protocol file is a mapping of sections'],
    ['a single value', 'lead protocol\n', 1, 'this one is a single value'],
    ['an empty file', '', 1, 'this one is empty'],
    ['only comments', '# to do\n# later\n', 1, 'this one is empty'],
    ['binary garbage', 'PK\u0003\u0004\u0014\u0000\b\u0000\u0008\uFFFD', 1, '(file): the file is not text'],
    ['another encoding', 'version: "2026.1"\ncompany: Soci\uFFFDt\uFFFD G\uFFFDn\uFFFDrale\n', 2, 'not UTF-8 text'],
    ['a tab indentation', 'version: "1"\napproval:\n\tmarketingOwner: {}\n', 3, '(syntax): Tabs are not allowed'],
    ['a duplicate key', 'version: "1"\ndormancy: {}\ndormancy: {}\n', 3, '(syntax): Map keys must be unique'],
    ['an alias with no anchor', 'version: "1"\nsla: *standard\n', 2, 'alias *standard has no anchor'],
    ['two documents', 'version: "1"\n---\nversion: "2"\n', 2, 'holds one YAML document'],
  ])('reports %s as a protocol error with its line', (_what, text, line, message) => {
    expectProtocolError(text, line, message);
  });

  it('reports a 10 MB file as too large, at the line past 1 MB', () => {
    const example = readConfig('protocol.example.yaml');
    const padding = `# ${'-'.repeat(97)}\n`.repeat(100_000);
    const text = `${example}${padding}`;
    const past = text.slice(0, 1_048_576).split('\n').length;
    expectProtocolError(text, past, 'the file is larger than 1 MB');
  });
});
