import fc from 'fast-check';
import { qualify } from '../../../src/protocol';
import { checkProtocolFile, loadProtocol } from '../../../src/config/load-protocol';
import { compilePattern, MAX_MATCHED_LENGTH, type ProtocolPattern } from '../../../src/protocol/schema/pattern.schema';
import { exampleProtocol, exampleVariant, protocolWith, readConfig } from './fixtures';

const NOW = Date.parse('2026-06-01T12:00:00Z');

/** The pattern from the incident: nested quantifiers, exponential on a backtracking engine. */
const NESTED = '^(\\w+\\s?)*$';
/** 29 characters ending in one the pattern cannot match: Node's RegExp tries every split into words (2^27). */
const TITLE = 'VicePresidentSalesOperations!';

function compiled(source: string, caseSensitive = false): ProtocolPattern {
  const pattern = compilePattern(source, caseSensitive);
  if (!pattern.ok) throw new Error(pattern.error);
  return pattern.value;
}

/** The line of the `matches:` key of the rule named `id`. */
function patternLine(text: string, id: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.includes(`id: ${id}`));
  const offset = lines.slice(start).findIndex((line) => line.trim().startsWith('matches:'));
  if (start === -1 || offset === -1) throw new Error(`no pattern for rule ${id}`);
  return start + offset + 1;
}

/** The example protocol with one more fit rule matching `jobtitle` against `pattern`. */
function withTitleRule(pattern: string) {
  return exampleVariant((doc) =>
    doc.addIn(['qualification', 'fit', 'rules'], {
      id: 'plain-title',
      property: 'jobtitle',
      matches: pattern,
      points: 5,
      reason: 'A title of plain words',
    }),
  );
}

describe('a rule pattern that backtracks catastrophically on a regular-expression engine', () => {
  it('is matched on the 29-character title with work proportional to the title', () => {
    expect(TITLE).toHaveLength(29);
    const search = compiled(NESTED).search(TITLE);
    expect(search).toEqual({ found: false, scanned: 29 });
    expect(compiled(NESTED).search('Vice President Sales Operations')).toEqual({ found: true, scanned: 31 });
  });

  it('scores the lead when the protocol uses it: the rule simply does not hold', () => {
    const protocol = protocolWith((doc) =>
      doc.addIn(['qualification', 'fit', 'rules'], {
        id: 'plain-title',
        property: 'jobtitle',
        matches: NESTED,
        points: 5,
        reason: 'A title of plain words',
      }),
    );
    const score = (jobtitle: string) =>
      qualify({ jobtitle, industry: 'INTERNET' }, [], protocol.qualification, NOW).fit.hits.map((hit) => hit.rule);
    expect(score(TITLE)).toEqual(['icp-industry']);
    expect(score('Head of Growth')).toEqual(['icp-industry', 'senior-title', 'product-role', 'plain-title']);
  });

  it('reads at most the first 1,000 characters of a value, however long the value', () => {
    const hostile = `${'a'.repeat(99_999)}!`;
    expect(compiled(NESTED).search(hostile)).toEqual({ found: true, scanned: MAX_MATCHED_LENGTH });
    expect(compiled('!').search(hostile)).toEqual({ found: false, scanned: MAX_MATCHED_LENGTH });
    expect(compiled('^a{1000}$').search(hostile).found).toBe(true);
  });

  it('is accepted by `leadpact check`, which says how patterns are matched', () => {
    const report = checkProtocolFile(withTitleRule(NESTED), 'protocol.yaml');
    expect(report.ok).toBe(true);
    expect(report.report).toContain(
      "patterns: 5 (RE2: linear time, no lookaround or backreferences), each matched on a value's first 1,000 characters",
    );
  });
});

describe('what the pattern engine refuses, at load and in `leadpact check`', () => {
  it.each([
    ['a backreference', '(vp|cto)\\1', 'backreferences (\\1, \\k<name>) are not supported'],
    ['a named backreference', '(?<t>vp)\\k<t>', 'backreferences (\\1, \\k<name>) are not supported'],
    ['a lookahead', 'vp(?! of sales)', 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'],
    ['a lookbehind', '(?<=senior )vp', 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported'],
    ['a repetition count above 1000', 'a{1,5000}', 'a repetition count may be at most 1000'],
    ['a pattern that does not compile', '(chief|vp', 'not a valid regular expression (missing ): (chief|vp)'],
  ])('refuses %s, naming the rule path and the line of the pattern', (_what, pattern, message) => {
    const text = withTitleRule(pattern);
    const report = checkProtocolFile(text, 'protocol.yaml');
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      {
        path: 'qualification.fit.rules[8].matches',
        message: expect.stringContaining(message),
        line: patternLine(text, 'plain-title'),
        column: expect.any(Number),
      },
    ]);
    expect(report.report).toContain(`protocol.yaml:${report.problems[0]?.line}:`);
    expect(report.report).toContain(`qualification.fit.rules[8].matches: ${message}`);
  });

  it('refuses a pattern longer than 500 characters', () => {
    const loaded = loadProtocol(withTitleRule(`(${'x'.repeat(600)})`), 'protocol.yaml');
    expect(loaded.ok ? [] : loaded.error.problems).toEqual([
      expect.objectContaining({
        path: 'qualification.fit.rules[8].matches',
        message: 'a pattern may be at most 500 characters',
      }),
    ]);
  });
});

describe('patterns mean what they meant on the JavaScript engine', () => {
  const patterns = exampleProtocol().qualification.fit.rules.flatMap((rule) =>
    rule.matches === undefined ? [] : [rule.matches],
  );
  const words = fc.constantFrom(
    'VP',
    'vice president',
    'Chief',
    'CTO',
    'cpo',
    'Head of',
    'director',
    'Data',
    'growth',
    'Mixpanel',
    'heap',
    '@gmail.',
    '@corvid.example',
    'engineer',
    'Ünïcode',
    '🚀',
    '-',
    '_',
    ' ',
  );
  const values = fc.array(words, { maxLength: 8 }).map((parts) => parts.join(''));

  it('agree with RegExp on the example protocol, case-insensitively and case-sensitively', () => {
    expect(patterns.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...patterns), values, fc.boolean(), (source, value, sensitive) => {
        const expected = new RegExp(source, sensitive ? '' : 'i').test(value);
        expect(compiled(source, sensitive).search(value).found).toBe(expected);
      }),
    );
  });

  it('still match a value that holds a lone surrogate (a cut emoji)', () => {
    expect(compiled('\\bvp\\b').search('VP \uD83D').found).toBe(true);
    expect(compiled('vp').search(`${'x'.repeat(MAX_MATCHED_LENGTH - 3)}vp🚀`)).toEqual({
      found: true,
      scanned: MAX_MATCHED_LENGTH,
    });
  });

  it('keeps the example files valid', () => {
    for (const file of ['protocol.example.yaml', 'protocol.yaml']) {
      expect(loadProtocol(readConfig(file), file).ok).toBe(true);
    }
  });
});
