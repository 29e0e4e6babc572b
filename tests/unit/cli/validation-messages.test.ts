import { z } from 'zod';
import { loadEnv } from '../../../src/config/env';
import { checkProtocolFile } from '../../../src/config/load-protocol';
import { ConfigError } from '../../../src/shared/errors';
import { plainIssue } from '../../../src/shared/plain-issues';
import { exampleVariant } from '../protocol/fixtures';

function messages(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value, { error: plainIssue });
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('validation messages in plain words, with their path', () => {
  it('turns zod’s generic wording into sentences', () => {
    expect(messages(z.number().max(99), 120)).toEqual(['must be at most 99 (got 120)']);
    expect(messages(z.number().lt(100), 120)).toEqual(['must be less than 100 (got 120)']);
    expect(messages(z.number().positive(), 0)).toEqual(['must be more than 0 (got 0)']);
    expect(messages(z.array(z.string()).min(1), [])).toEqual(['must list at least one item']);
    expect(messages(z.string().max(3), 'abcd')).toEqual(['must be at most 3 characters']);
    expect(messages(z.number(), 'twelve')).toEqual(['expected a number, got the text "twelve"']);
    expect(messages(z.object({ a: z.string() }), {})).toEqual(['is required']);
    expect(messages(z.enum(['lead', 'contact']), 'deal')).toEqual([
      'must be one of lead, contact (got the text "deal")',
    ]);
    expect(messages(z.union([z.string(), z.number()]), [])).toEqual([
      'a list is none of the accepted forms (the closest: expected a text, got a list)',
    ]);
  });

  it('keeps a schema’s own message, written for its field', () => {
    expect(messages(z.number().max(5, 'five at most'), 6)).toEqual(['five at most']);
  });

  it('reports protocol values out of range with the path and the line, in words', () => {
    const text = exampleVariant((doc) => {
      doc.setIn(['sla', 'accept', 'warnAtPercent'], 120);
      doc.setIn(['handoff', 'target'], 3);
      doc.setIn(['routing', 'territories', 0, 'when', 'countries'], []);
    });
    const report = checkProtocolFile(text, 'p.yaml').report;
    expect(report).toMatch(/^p\.yaml:\d+:\d+: sla\.accept\.warnAtPercent: must be less than 100 \(got 120\)$/m);
    expect(report).toMatch(
      /^p\.yaml:\d+:\d+: handoff\.target: must be one of lead, contact_when_account_matches \(got 3\)$/m,
    );
    expect(report).toMatch(
      /^p\.yaml:\d+:\d+: routing\.territories\[0\]\.when\.countries: must list at least one item$/m,
    );
    expect(report).not.toMatch(/Too big|Too small|Invalid input|expected number to be/);
  });

  it('reports environment values in words, under the variable’s name', () => {
    let error: unknown;
    try {
      loadEnv({ HUBSPOT_RATE_LIMIT_PER_10S: '5000', PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { path: 'PORT', message: 'expected a port number (got "eighty")' },
      { path: 'HUBSPOT_RATE_LIMIT_PER_10S', message: 'expected at most 1000 (got "5000")' },
    ]);
  });
});
