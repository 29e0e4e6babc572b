import { DEFAULT_STATEMENTS } from '../../../src/metrics/diagnostic-bank';
import { recordResponse } from '../../../src/store/metrics/diagnostic-repository';
import { findAggregate, renderAlignmentPack } from '../../../src/metrics';
import { alignmentPackData } from '../../../src/app/scorecard-data';
import { loadAggregates, refreshAggregates } from '../../../src/store/metrics/aggregate-repository';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases';
import { NOW, THRESHOLDS, at, seedLedger } from './ledger-fixture';

const all = (score: number) => Object.fromEntries(DEFAULT_STATEMENTS.map((s) => [s.id, score]));

describe.each<DatabaseKind>(['pglite', 'postgres'])('report data on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    await seedLedger(t.db);
    // Mara answered before March and again in March; Sam only in March.
    await recordResponse(
      t.db,
      { respondent: 'Mara', function: 'marketing', level: 'head', answers: all(2) },
      at('02-20 09:00'),
    );
    await recordResponse(
      t.db,
      { respondent: 'Mara', function: 'marketing', level: 'head', answers: all(3) },
      at('03-05 09:00'),
    );
    await recordResponse(
      t.db,
      { respondent: 'Sam', function: 'sales', level: 'head', answers: all(4) },
      at('03-05 09:00'),
    );
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('refreshes the period the job names and stores it for later trends', async () => {
    const refreshed = await refreshAggregates(t.db, { period: 'previous-month', thresholds: THRESHOLDS }, NOW);
    if (!refreshed.ok) throw new Error(refreshed.error);
    expect(refreshed.value.period.id).toBe('2026-03');
    const stored = await loadAggregates(t.db, refreshed.value.period);
    expect(stored && findAggregate(stored, 'acceptance_rate')).toMatchObject({
      numerator: 6,
      denominator: 10,
      value: 0.6,
    });
    expect(await refreshAggregates(t.db, { period: 'soon', thresholds: THRESHOLDS }, NOW)).toEqual({
      ok: false,
      error: expect.stringContaining('unknown period'),
    });
  });

  it('builds the pack from the month under review and the month before, beliefs then and now', async () => {
    const pack = await alignmentPackData(t.db, { thresholds: THRESHOLDS }, NOW);
    if (!pack.ok) throw new Error(pack.error);
    const { current, previous } = pack.value;
    expect([current.period.label, previous.period.label]).toEqual(['March 2026', 'February 2026']);
    // February's MQL cohort: L15 (1 Feb) and L11 (25 Feb, accepted in March).
    expect(previous.overall.mqls.value).toBe(2);
    expect(previous.overall.wastage_rate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(previous.diagnostic).toMatchObject({ marketing: 40, sales: null, respondents: { marketing: 1, sales: 0 } });
    expect(current.diagnostic).toMatchObject({ marketing: 60, sales: 80, gap: 20, band: 'aligned' });
    const md = renderAlignmentPack(current, previous, 'markdown');
    expect([current.overall.wastage_rate.value, previous.overall.wastage_rate.value]).toEqual([5 / 11, 0.5]);
    expect(md).toContain('## What improved\n\n- Acceptance rate: 60.0 % (was 0.0 %, +60.0 pts)\n');
    expect(md).toContain('## What got worse\n\n- Not pursued: 20.0 % (was 0.0 %, +20.0 pts)\n');
    expect(md).toContain('Observed in the data: not enough leads yet: 10 of 30 handed off.');
    expect(md).toContain('| 00Q000000000012AAA | – | Spring webinar | u1 (unknown user) | dormant | dormant | 89 |');
  });
});
