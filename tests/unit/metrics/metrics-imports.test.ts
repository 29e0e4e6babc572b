import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * src/metrics is pure computation and rendering: the SQL lives in src/store/metrics, the use cases
 * in src/app, the HTTP doors in src/http. Every import specifier of every file is checked, type-only
 * imports included, so a store or express dependency cannot creep back in.
 */
const ROOT = path.resolve(__dirname, '../../..');
const METRICS = path.join(ROOT, 'src/metrics');
const ALLOWED_FOLDERS = ['src/metrics', 'src/shared', 'src/protocol'];
const FORBIDDEN_PACKAGES = ['express', 'pg', '@electric-sql/pglite'];
const SPECIFIER = /(?:\bfrom|\bimport|\bimport\s*\()\s*['"]([^'"]+)['"]/g;

function imports(): { file: string; spec: string }[] {
  return readdirSync(METRICS, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) =>
      [...readFileSync(path.join(METRICS, name), 'utf8').matchAll(SPECIFIER)].map((match) => ({
        file: `src/metrics/${name}`,
        spec: match[1] ?? '',
      })),
    );
}

function targetOf(file: string, spec: string): string {
  return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
}

describe('src/metrics', () => {
  it('imports nothing of ours but itself, src/shared and src/protocol', () => {
    const outside = imports()
      .filter(({ spec }) => spec.startsWith('.'))
      .filter(({ file, spec }) => {
        const target = targetOf(file, spec);
        return !ALLOWED_FOLDERS.some((folder) => target === folder || target.startsWith(`${folder}/`));
      });
    expect(outside).toEqual([]);
  });

  it('imports neither express nor a database driver', () => {
    const found = imports().filter(({ spec }) =>
      FORBIDDEN_PACKAGES.some((name) => spec === name || spec.startsWith(`${name}/`)),
    );
    expect(found).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(imports().length).toBeGreaterThan(20);
  });
});
