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
