import { parseInstant, sameFieldValue } from '../../../src/protocol/values';

describe('property values as the CRMs send them', () => {
  it.each([
    ['HubSpot epoch milliseconds', '1772460000000', 1772460000000],
    ['ISO with Z', '2026-03-02T14:00:00.000Z', 1772460000000],
    ['Salesforce DateTime (+0000)', '2026-03-02T14:00:00.000+0000', 1772460000000],
    ['a date (UTC midnight)', '2026-03-02', 1772409600000],
    ['text', 'next Tuesday', null],
    ['nothing', null, null],
  ])('reads an instant from %s', (_what, value, expected) => {
    expect(parseInstant(value)).toBe(expected);
  });

  it.each([
    ['42', 42, true],
    ['42.0', 42, true],
    ['true', true, true],
    ['2026-03-02T14:00:00.000+0000', '2026-03-02T14:00:00.000Z', true],
    ['', null, true],
    ['Working - Contacted', 'Working - Contacted', true],
    ['CTO', 'cto', false],
    ['41', 42, false],
    ['', 'x', false],
  ])('treats %j and %j as the same value: %s', (a, b, same) => {
    expect(sameFieldValue(a, b)).toBe(same);
  });
});
