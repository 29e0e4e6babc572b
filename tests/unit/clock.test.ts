import { acceleratedClock, systemClock } from '../../src/shared/clock';

describe('clocks', () => {
  it('the system clock waits exactly until the instant, never a negative time', () => {
    const now = systemClock.now();
    expect(systemClock.realDelayUntil(now - 1_000)).toBe(0);
    expect(systemClock.realDelayUntil(now + 60_000)).toBeGreaterThan(59_000);
  });

  it('an accelerated clock runs protocol time faster and shortens real waits by the same factor', () => {
    let real = 1_000_000;
    const start = Date.parse('2026-03-02T09:00:00Z');
    const clock = acceleratedClock(start, 600, () => real);
    expect(clock.now()).toBe(start);
    real += 1_000;
    expect(clock.now()).toBe(start + 600_000);
    expect(clock.realDelayUntil(start + 600_000 + 3_600_000)).toBe(6_000);
    expect(() => acceleratedClock(start, 0)).toThrow(RangeError);
  });
});
