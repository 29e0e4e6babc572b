import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from '../../../src/cli/check-command';
import { loadEnv } from '../../../src/config/env';
import { runCommand, type InProcessResult } from '../../support/cli';

function check(file: string): Promise<InProcessResult> {
  return runCommand(checkCommand, loadEnv({}), {}, [file]);
}

describe('leadpact check FILE, on files that are no protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leadpact-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers an alias bomb with the alias line and exit 1, and no stack trace', async () => {
    const file = join(dir, 'bomb.yaml');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
    ]) {
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    writeFileSync(file, `${levels.join('\n')}\n`);
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^${file}: 1 problem\\n${file}:5:8: e\\[0\\]: aliases expand`));
    expect(result.stderr).not.toMatch(/Error|\n\s+at /);
  });

  it('answers a 10 MB file with a protocol error at the line past 1 MB', async () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `version: "1"\n${`# ${'x'.repeat(97)}\n`.repeat(100_000)}`);
    const result = await check(file);
    expect(result.code).toBe(1);
    const past = Math.floor((1_048_576 - 1 - 'version: "1"\n'.length) / 100) + 2;
    expect(result.stderr).toContain(`${file}: 1 problem\n${file}:${past}:`);
    expect(result.stderr).toContain('(file): the file is larger than 1 MB');
  });

  it('answers a binary file with a protocol error at line 1', async () => {
    const file = join(dir, 'archive.yaml');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0xff, 0xfe, 0x0a]));
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:1:3: (file): the file is not text`);
  });
});
