import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The lint rule's verdicts, asked of the rule module itself (an ES module, so in a Node of its own). */
function verdicts(pairs: readonly (readonly [string, string])[]): (string | null)[] {
  const script = `import { brokenRule } from './scripts/eslint/import-zones.mjs';
    const pairs = JSON.parse(process.argv[1]);
    process.stdout.write(JSON.stringify(pairs.map(([file, target]) => brokenRule(file, target))));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(pairs)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out) as (string | null)[];
}

describe('the import zones (leadpact/import-zones)', () => {
  it('refuses what the architecture forbids, naming the rule', () => {
    const refused = verdicts([
      ['src/protocol/decide.ts', 'src/store'],
      ['src/protocol/decide.ts', 'src/config/env'],
      ['connectors/hubspot/hubspot-connector.ts', 'src/metrics/writeback-spec'],
      ['connectors/salesforce/salesforce-connector.ts', 'jobs/pipeline'],
      ['connectors/salesforce/salesforce-connector.ts', 'src/app/relay/outbox-relay'],
      ['connectors/salesforce/salesforce-connector.ts', 'src/http/app'],
      ['src/app/backfill.ts', 'jobs/pipeline'],
      ['src/app/backfill.ts', 'src/service/compose'],
      ['jobs/pipeline.ts', 'src/service/compose'],
      ['src/http/app.ts', 'src/service/runtime'],
      ['src/metrics/render-pack.ts', 'src/store/metrics/series-query'],
      ['src/shared/errors.ts', 'src/protocol'],
    ]);
    expect(refused.every((message) => message !== null)).toBe(true);
    expect(refused[0]).toContain('the core is pure');
    expect(refused[7]).toContain('composition root');
  });

  it('lets the allowed directions through', () => {
    const allowed = verdicts([
      ['src/protocol/decide.ts', 'src/shared/ids'],
      ['src/app/backfill.ts', 'src/protocol'],
      ['jobs/pipeline.ts', 'src/app/reconcile'],
      ['src/cli/backfill-command.ts', 'src/service/compose'],
      ['src/demo/demo-stack.ts', 'src/service/runtime'],
      ['tests/unit/x.test.ts', 'src/service/compose'],
      ['src/store/metrics/series-query.ts', 'src/metrics/series'],
      ['connectors/hubspot/hubspot-connector.ts', 'src/shared/field-specs'],
    ]);
    expect(allowed).toEqual(allowed.map(() => null));
  });
});
