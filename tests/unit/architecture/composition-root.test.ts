import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMPOSITION_ROOT = 'src/service/compose.ts';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sources(relative);
    return relative.endsWith('.ts') ? [relative] : [];
  });
}

/** Where in the service's own code (src, jobs, connectors) a piece of wiring is written. */
function placesThatWrite(pattern: RegExp): string[] {
  return ['src', 'jobs', 'connectors']
    .flatMap(sources)
    .filter((file) => pattern.test(readFileSync(path.join(ROOT, file), 'utf8')));
}

describe('the composition root', () => {
  // Three hand-built copies of the engine's dependencies disagreed: admin actions and the backfill
  // decided without the protocol-events counter, and the backfill's relays ran another configuration.
  it('is the only place that builds the engine dependencies', () => {
    expect(placesThatWrite(/onMetric\s*:/)).toEqual([COMPOSITION_ROOT]);
    expect(placesThatWrite(/(?<!function )createTimerScheduler\(/)).toEqual([COMPOSITION_ROOT]);
  });

  it('is the only place that builds the outbox relays', () => {
    expect(placesThatWrite(/new OutboxRelay\(/)).toEqual([COMPOSITION_ROOT]);
    expect(placesThatWrite(/(salesforce|hubspot)Sender\(\{/)).toEqual([COMPOSITION_ROOT]);
  });
});
