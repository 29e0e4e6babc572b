import { parseRetryAfter } from '../../../src/shared/failures';

const NOW = Date.parse('2024-06-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['delta-seconds', '7', 7_000],
    ['zero seconds', '0', 0],
    ['delta-seconds with spaces around', ' 120 ', 120_000],
    ['fractional seconds, as some servers send', '1.5', 1_500],
    ['an IMF-fixdate', 'Sat, 01 Jun 2024 12:00:30 GMT', 30_000],
    ['an obsolete RFC 850 date', 'Saturday, 01-Jun-24 12:01:00 GMT', 60_000],
    ['an asctime date', 'Sat Jun  1 12:00:10 2024', 10_000],
    ['a date in the past', 'Sat, 01 Jun 2024 11:00:00 GMT', 0],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['a word', 'soon', undefined],
    ['negative seconds', '-3', undefined],
    ['a number Date.parse would read as a date', '2', 2_000],
    ['a bare ISO date', '2024-06-01T12:00:30Z', undefined],
    ['garbage with a number in it', '5 seconds', undefined],
  ])('%s', (_case, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
