import { parseChoice, parseWholeNumber } from '../../../src/shared/option-values';
import { formatTable, oneLine, utcTime } from '../../../src/cli/table';

describe('option parsing for the operator commands', () => {
  it('accepts whole numbers in range and says what is wrong otherwise', () => {
    expect(parseWholeNumber('25', 'limit', 1, 100)).toEqual({ ok: true, value: 25 });
    expect(parseWholeNumber('0', 'limit', 1, 100)).toEqual({
      ok: false,
      error: '--limit must be between 1 and 100, got 0',
    });
    expect(parseWholeNumber('ten', 'limit', 1, 100)).toEqual({
      ok: false,
      error: '--limit expects a whole number, got "ten"',
    });
    expect(parseWholeNumber('-3', 'port', 0, 65_535).ok).toBe(false);
  });

  it('accepts one of the listed choices only', () => {
    expect(parseChoice('json', 'format', ['text', 'json'] as const)).toEqual({ ok: true, value: 'json' });
    expect(parseChoice('pdf', 'format', ['text', 'json'] as const)).toEqual({
      ok: false,
      error: '--format must be one of text, json, got "pdf"',
    });
  });
});

describe('terminal tables', () => {
  it('lines columns up under their titles and leaves the last column free', () => {
    const table = formatTable(
      ['ID', 'SOURCE', 'REASON'],
      [
        ['7', 'outbox:hubspot', 'CRM_REJECTED: bad value'],
        ['12', 'queue:inbound', 'x'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'ID  SOURCE          REASON',
      '7   outbox:hubspot  CRM_REJECTED: bad value',
      '12  queue:inbound   x',
    ]);
  });

  it('shows instants in UTC to the second and folds long text into one short line', () => {
    expect(utcTime(Date.UTC(2026, 2, 5, 14, 7, 9, 512))).toBe('2026-03-05 14:07:09Z');
    expect(oneLine('first line\n  second   line', 100)).toBe('first line second line');
    expect(oneLine('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
