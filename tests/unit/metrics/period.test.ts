import { resolvePeriod } from '../../../src/metrics/period';

const NOW = Date.parse('2026-04-10T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function spans(spec: string, now = NOW, zone?: string) {
  const pair = resolvePeriod(spec, now, zone);
  if (!pair.ok) throw new Error(pair.error);
  const { current, previous } = pair.value;
  return {
    current: [iso(current.start), iso(current.end), current.label],
    previous: [iso(previous.start), iso(previous.end), previous.label],
  };
}

describe('periods', () => {
  it('reads a rolling period as the N days to now, compared with the N days before', () => {
    expect(spans('30d')).toEqual({
      current: ['2026-03-11T12:00:00.000Z', '2026-04-10T12:00:00.000Z', 'last 30 days to 10 Apr 2026'],
      previous: ['2026-02-09T12:00:00.000Z', '2026-03-11T12:00:00.000Z', 'the 30 days before'],
    });
    expect(spans('2w').current.slice(0, 2)).toEqual(['2026-03-27T12:00:00.000Z', '2026-04-10T12:00:00.000Z']);
  });

  it('runs the current calendar month to date and compares it with the same days of the month before', () => {
    expect(spans('calendar-month')).toEqual({
      current: ['2026-04-01T00:00:00.000Z', '2026-04-10T12:00:00.000Z', 'April 2026 (to date)'],
      previous: ['2026-03-01T00:00:00.000Z', '2026-03-10T12:00:00.000Z', 'March 2026 (same days)'],
    });
  });

  it('names each span stably, for records kept per period', () => {
    const ids = (spec: string) => {
      const pair = resolvePeriod(spec, NOW);
      return pair.ok ? [pair.value.current.id, pair.value.previous.id] : [];
    };
    expect(ids('30d')).toEqual(['rolling-30d', 'rolling-30d-before']);
    expect(ids('calendar-month')).toEqual(['2026-04', '2026-03-same-days']);
    expect(ids('previous-month')).toEqual(['2026-03', '2026-02']);
    expect(ids('2026-Q1')).toEqual(['2026-Q1', '2025-Q4']);
  });

  it('gives whole months and quarters when they are over', () => {
    expect(spans('previous-month')).toEqual({
      current: ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'March 2026'],
      previous: ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 'February 2026'],
    });
    expect(spans('2026-Q1').current).toEqual(['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'Q1 2026']);
    expect(spans('previous-quarter').previous).toEqual([
      '2025-10-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      'Q4 2025',
    ]);
    expect(spans('calendar-quarter').current[2]).toBe('Q2 2026 (to date)');
  });

  it('starts calendar periods at local midnight of the time zone asked for', () => {
    expect(spans('2026-03', NOW, 'America/New_York').current.slice(0, 2)).toEqual([
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
  });

  it('refuses what it cannot read, saying what it accepts', () => {
    expect(resolvePeriod('last week', NOW)).toEqual({
      ok: false,
      error: expect.stringMatching(/unknown period "last week": use Nd or Nw/),
    });
    expect(resolvePeriod('0d', NOW).ok).toBe(false);
    expect(resolvePeriod('2026-13', NOW).ok).toBe(false);
    expect(resolvePeriod('30d', NOW, 'Mars/Olympus')).toEqual({ ok: false, error: 'unknown time zone "Mars/Olympus"' });
  });

  it('reads an explicit span FROM/TO: instants to the millisecond, dates as whole days, whatever now is', () => {
    expect(spans('2026-03-01T00:00:00.000Z/2026-03-07T10:30:00.123Z', NOW + 300 * 86_400_000)).toEqual({
      current: ['2026-03-01T00:00:00.000Z', '2026-03-07T10:30:00.123Z', '1 Mar 2026 to 7 Mar 2026 10:30'],
      previous: ['2026-02-22T13:29:59.877Z', '2026-03-01T00:00:00.000Z', 'the same length before'],
    });
    expect(spans('2026-03-01/2026-03-07', NOW, 'Europe/London').current).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-08T00:00:00.000Z',
      '1 Mar 2026 to 7 Mar 2026',
    ]);
    expect(resolvePeriod('2026-03-07/2026-03-01', NOW)).toEqual({
      ok: false,
      error: 'the period "2026-03-07/2026-03-01" ends before it starts',
    });
    expect(resolvePeriod('yesterday/today', NOW).ok).toBe(false);
  });
});
