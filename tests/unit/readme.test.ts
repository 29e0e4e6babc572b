import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../../src/config/env.schema';
import { ERROR_CATALOGUE } from '../../src/shared/error-codes';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the README stays true to the code', () => {
  it('explains every error code', () => {
    const missing = Object.keys(ERROR_CATALOGUE).filter((code) => !README.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('documents every environment variable', () => {
    const missing = Object.keys(envSchema.shape).filter((name) => !README.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('gives the two Quick start commands that CI runs', () => {
    const quickStart = README.slice(README.indexOf('## Quick start'), README.indexOf('## Requirements'));
    expect(quickStart).toContain('make demo');
    expect(quickStart).toContain('make test');
    expect(readFileSync(join(__dirname, '..', '..', '.ci', 'run'), 'utf8')).toContain('make test');
  });
});
