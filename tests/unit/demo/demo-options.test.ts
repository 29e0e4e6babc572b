import {
  DEFAULT_SEED,
  DEFAULT_SPEED,
  DEMO_START,
  parseDemoOptions,
  parseDuration,
  runPeriod,
} from '../../../src/demo/demo-options';
import { isWorkingInstant } from '../../../src/protocol';
import { exampleProtocol } from './demo-fixture';

describe('demo options', () => {
  it('read a duration in seconds, minutes or hours, or plain seconds', () => {
    expect(parseDuration('60s')).toEqual({ ok: true, value: 60_000 });
    expect(parseDuration('2m')).toEqual({ ok: true, value: 120_000 });
    expect(parseDuration('1.5m')).toEqual({ ok: true, value: 90_000 });
    expect(parseDuration('90')).toEqual({ ok: true, value: 90_000 });
    expect(parseDuration('1h')).toEqual({ ok: true, value: 3_600_000 });
  });

  it('say what is wrong with a duration they cannot use', () => {
    expect(parseDuration('soon')).toEqual({
      ok: false,
      error: '--duration expects a length such as 60s, 2m or 90, got "soon"',
    });
    expect(parseDuration('2s')).toEqual({ ok: false, error: '--duration must be between 5s and 24h, got "2s"' });
    expect(parseDuration('-5s').ok).toBe(false);
  });

  it('default to running until stopped, seed 1, two simulated hours a second', () => {
    expect(parseDemoOptions({ duration: undefined, seed: undefined, speed: undefined, json: false })).toEqual({
      ok: true,
      value: { durationMs: null, seed: DEFAULT_SEED, speed: DEFAULT_SPEED, json: false },
    });
    expect(DEFAULT_SPEED).toBe(7_200);
    expect(parseDemoOptions({ duration: '30s', seed: '42', speed: '3600', json: true })).toEqual({
      ok: true,
      value: { durationMs: 30_000, seed: 42, speed: 3_600, json: true },
    });
    expect(parseDemoOptions({ duration: undefined, seed: 'x', speed: undefined, json: false }).ok).toBe(false);
    expect(parseDemoOptions({ duration: undefined, seed: undefined, speed: '10', json: false })).toEqual({
      ok: false,
      error: '--speed must be between 60 and 36000, got 10',
    });
  });

  it("start the simulated week on a Monday morning, in EMEA working hours, on no territory's holiday", () => {
    const protocol = exampleProtocol();
    expect(new Date(DEMO_START).getUTCDay()).toBe(1);
    expect(isWorkingInstant(DEMO_START, protocol.calendars.emea!)).toBe(true);
    for (const calendar of Object.values(protocol.calendars)) {
      for (let day = 0; day < 5; day++)
        expect(calendar.holidays).not.toContain(new Date(DEMO_START + day * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it('end with a scorecard over the whole run, however long it lasted, its span stated to the millisecond', () => {
    const day = 86_400_000;
    expect(runPeriod(DEMO_START, DEMO_START + 5 * day + 3_600_123)).toBe(
      '2026-03-01T00:00:00.000Z/2026-03-07T10:00:00.123Z',
    );
    expect(runPeriod(DEMO_START, DEMO_START + 60 * day)).toBe('2026-03-01T00:00:00.000Z/2026-05-01T09:00:00.000Z');
  });
});
