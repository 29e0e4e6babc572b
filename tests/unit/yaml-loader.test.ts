import fc from 'fast-check';
import { z } from 'zod';
import { loadYaml, validateYaml } from '../../src/config/yaml-loader';

const schema = z.strictObject({
  version: z.string(),
  sla: z.strictObject({ acceptMinutes: z.number().int().positive() }),
  codes: z.array(z.strictObject({ code: z.string().regex(/^[A-Z_]+$/, 'expected UPPER_SNAKE_CASE') })),
});

function problems(text: string) {
  const loaded = loadYaml(text, 'protocol.yaml');
  if (!loaded.ok) return loaded.error.problems;
  const validated = validateYaml(schema, loaded.value, 'protocol.yaml');
  return validated.ok ? [] : validated.error.problems;
}

describe('the YAML loader', () => {
  it('returns the document when it is valid', () => {
    const loaded = loadYaml('version: "1"\nsla:\n  acceptMinutes: 240\ncodes:\n  - code: NOT_ICP\n', 'p.yaml');
    if (!loaded.ok) throw loaded.error;
    expect(validateYaml(schema, loaded.value, 'p.yaml')).toEqual({
      ok: true,
      value: { version: '1', sla: { acceptMinutes: 240 }, codes: [{ code: 'NOT_ICP' }] },
    });
  });

  it('reports a syntax error with its line and column', () => {
    const [problem] = problems('version: "1"\nsla:\n  acceptMinutes: [240\n');
    expect(problem).toMatchObject({ path: '(syntax)', line: expect.any(Number) });
    expect(problem?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports every schema problem with its path, line and column', () => {
    const text = [
      'version: "1"',
      'sla:',
      '  acceptMinutes: -5',
      'codes:',
      '  - code: NOT_ICP',
      '  - code: bad code',
      '',
    ].join('\n');
    expect(problems(text)).toEqual([
      expect.objectContaining({ path: 'sla.acceptMinutes', line: 3, column: 18 }),
      { path: 'codes[1].code', message: 'expected UPPER_SNAKE_CASE', line: 6, column: 11 },
    ]);
  });

  it('reports an unknown key at the key itself, so a typo never passes silently', () => {
    const text = ['version: "1"', 'sla:', '  acceptMinutes: 240', '  acceptMinuts: 30', 'codes: []', ''].join('\n');
    expect(problems(text)).toEqual([
      { path: 'sla.acceptMinuts', message: 'unknown key "acceptMinuts"', line: 4, column: 3 },
    ]);
  });

  it('refuses duplicate keys, which YAML would otherwise resolve silently', () => {
    expect(problems('version: "1"\nversion: "2"\n')[0]).toMatchObject({ path: '(syntax)', line: 2 });
  });
});

/** Nine copies of nine copies ...: a few lines that expand to 9^6 values. */
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  '',
].join('\n');

describe('what the YAML loader refuses before reading', () => {
  it('refuses an alias bomb at the alias where the expansion passes the limit', () => {
    expect(problems(ALIAS_BOMB)).toEqual([
      {
        path: 'e[0]',
        message: expect.stringContaining('aliases expand the document past 10,000 values here'),
        line: 5,
        column: 8,
      },
    ]);
  });

  it('still reads a document that repeats an anchor within reason', () => {
    const text = ['version: "1"', 'sla: &sla', '  acceptMinutes: 240', 'codes:', '  - code: A', ''].join('\n');
    const repeated = `${text}copies: [${Array.from({ length: 150 }, () => '*sla').join(', ')}]\n`;
    const loaded = loadYaml(repeated, 'p.yaml');
    expect(loaded.ok && (loaded.value.value as { copies: unknown[] }).copies).toHaveLength(150);
  });

  it.each([
    ['an alias with no anchor', 'version: "1"\nsla: *nowhere\n', 'sla', 2, 'alias *nowhere has no anchor &nowhere'],
    ['an alias inside its own anchor', 'version: "1"\ncodes: &c [*c]\n', 'codes[0]', 2, 'inside the value it repeats'],
    ['a list used as a key', 'version: "1"\n? [a, b]\n: 1\n', '(root)', 2, 'a key must be plain text'],
    [
      'nesting 100 levels deep',
      `version: "1"\nsla: ${'['.repeat(100)}${']'.repeat(100)}\n`,
      'sla[0][0][0][0][0][0][0]…',
      2,
      'nested more than 64',
    ],
    ['a NUL byte', 'version: "1"\nsla:\u0000\n', '(file)', 2, 'character U+0000 is not allowed'],
    ['bytes that are not UTF-8', 'version: "1"\n\uFFFD\uFFFD\n', '(file)', 2, 'not UTF-8 text'],
    ['a tab as indentation', 'version: "1"\nsla:\n\tacceptMinutes: 1\n', '(syntax)', 3, 'Tabs are not allowed'],
    ['a second document', 'version: "1"\n---\nversion: "2"\n', '(syntax)', 2, 'holds one YAML document'],
  ])('refuses %s as a problem with its line', (_what, text, path, line, message) => {
    expect(problems(text)).toEqual([
      { path, message: expect.stringContaining(message), line, column: expect.any(Number) },
    ]);
  });

  it('refuses a 10 MB file at the line past 1 MB, without parsing it', () => {
    const line = `# ${'x'.repeat(97)}\n`;
    const [problem, ...rest] = problems(`version: "1"\n${line.repeat(100_000)}`);
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      path: '(file)',
      message: expect.stringContaining('larger than 1 MB'),
      line: Math.floor((1_048_576 - 13) / line.length) + 2,
      column: expect.any(Number),
    });
  });

  it('reports a flood of syntax errors as its first twenty, then how many more', () => {
    const found = problems(Array.from({ length: 50 }, (_, i) => `k${i}: a: b`).join('\n'));
    expect(found).toHaveLength(21);
    expect(found.map((problem) => problem.line)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(found[20]).toMatchObject({ path: '(syntax)', message: 'and 30 more syntax errors from here on' });
  });

  it('says the parser ran out of stack as nesting too deep, once per place', () => {
    const found = problems('['.repeat(20_000));
    expect(found[0]).toMatchObject({ path: '(syntax)', line: 1, message: 'nested too deeply to read' });
    expect(found.length).toBeLessThanOrEqual(21);
  });

  it('never throws, whatever the text', () => {
    const fragments = fc.constantFrom(
      'a: ',
      '- ',
      '&x ',
      '*x ',
      '*y',
      '[',
      ']',
      '{',
      '}',
      ', ',
      '? ',
      ': ',
      '\n',
      '  ',
      '\t',
      '"',
      "'",
      '#',
      '---\n',
      '!!binary ',
      '!!map ',
      '<<: ',
      '|\n',
      '>-\n',
      '%YAML 1.2\n',
      '\u0000',
      '\uFFFD',
      'version',
      '1e999',
      '~',
    );
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const loaded = loadYaml(text, 'p.yaml');
        const located = loaded.ok ? validateYaml(schema, loaded.value, 'p.yaml') : loaded;
        if (!located.ok) expect(located.error.problems.every((problem) => (problem.line ?? 0) >= 1)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
