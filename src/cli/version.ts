import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * leadpact's version, from the package.json above this file (dist/src/cli when built, src/cli
 * under the tests): the one place the version is written.
 */
export function leadpactVersion(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'leadpact' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not ours): look one folder up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
