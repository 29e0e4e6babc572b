import { formatDuration, ProgressDisplay, progressLine } from '../../../src/shared/progress';

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('backfill progress', () => {
  it('shows the bar, the count, the rate and an ETA from the progress this run made', () => {
    const line = progressLine(
      { label: 'HubSpot contacts', doneThisRun: 3_000, doneTotal: 5_000, fraction: 0.5 },
      10_000,
      0.25,
    );
    expect(line).toBe('HubSpot contacts  [############------------]  50%  5,000 read  300/s  ETA 20s');
  });

  it('admits what it does not know yet, and says done at the end', () => {
    expect(progressLine({ label: 'x', doneThisRun: 0, doneTotal: 0, fraction: null }, 0, null)).toContain(
      '?%  0 read  0.0/s  ETA ?',
    );
    expect(
      progressLine({ label: 'x', doneThisRun: 10, doneTotal: 10, fraction: 1, extra: 'outbox 0' }, 1_000, 0),
    ).toMatch(/100%.*done {2}outbox 0$/);
  });

  it('formats durations as an operator reads them', () => {
    expect([formatDuration(9_400), formatDuration(125_000), formatDuration(3_725_000)]).toEqual([
      '9s',
      '2m05s',
      '1h02m',
    ]);
  });

  it('redraws one line on a terminal', () => {
    const out = new Capture();
    const display = new ProgressDisplay(out as unknown as NodeJS.WritableStream, true, () => 0);
    display.update({ label: 'a', doneThisRun: 1, doneTotal: 1, fraction: 0.1 });
    display.update({ label: 'a', doneThisRun: 2, doneTotal: 2, fraction: 1 }, true);
    expect(out.text.split('\r').filter(Boolean)).toHaveLength(2);
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('prints plain lines, no more than one every two seconds, when stderr is not a terminal', () => {
    const out = new Capture();
    let now = 0;
    const display = new ProgressDisplay(out as unknown as NodeJS.WritableStream, false, () => now);
    for (now = 0; now < 5_000; now += 500)
      display.update({ label: 'a', doneThisRun: now, doneTotal: now, fraction: now / 10_000 });
    display.update({ label: 'a', doneThisRun: 5_000, doneTotal: 5_000, fraction: 1 }, true);
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(out.text).not.toContain('\r');
    expect(lines.at(-1)).toContain('done');
  });
});
