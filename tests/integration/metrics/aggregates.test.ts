import { computeAggregates, loadAggregates, storeAggregates } from '../../../src/store/metrics/aggregate-repository';
import { findAggregate } from '../../../src/metrics/aggregate-set';
import { METRIC_IDS, definitionOf } from '../../../src/metrics/catalogue';
import { resolvePeriod, type Period } from '../../../src/metrics/period';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases';
import { CAMPAIGN_A, CAMPAIGN_B, EXPECTED_MARCH_ALL, NOW, THRESHOLDS, at, seedLedger } from './ledger-fixture';

function period(spec: string, now = NOW): Period {
  const pair = resolvePeriod(spec, now);
  if (!pair.ok) throw new Error(pair.error);
  return pair.value.current;
}

describe.each<DatabaseKind>(['pglite', 'postgres'])('aggregates on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    await seedLedger(t.db);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('computes every metric of the whole ledger as worked out by hand', async () => {
    const set = await computeAggregates(t.db, period('2026-03'), THRESHOLDS, NOW);
    for (const [metric, expected] of Object.entries(EXPECTED_MARCH_ALL)) {
      const found = findAggregate(set, metric);
      expect({ metric, ...found }).toEqual({
        metric,
        dimension: 'all',
        key: 'all',
        ...expected,
        value: expect.closeTo(expected.value, 9),
      });
    }
  });

  it('slices by campaign, whether the ledger holds a campaign name or a Salesforce Campaign Id', async () => {
    const set = await computeAggregates(t.db, period('2026-03'), THRESHOLDS, NOW);
    const pick = (key: string, metric: string) => {
      const row = findAggregate(set, metric, 'campaign', key);
      return [row?.numerator, row?.denominator];
    };
    // A: L1-L5, L11, L12, L16 (L14 is retired). B: L6-L10, L13.
    expect(pick(CAMPAIGN_A, 'mqls')).toEqual([6, null]);
    expect(pick(CAMPAIGN_A, 'acceptance_rate')).toEqual([4, 7]);
    expect(pick(CAMPAIGN_A, 'wastage_rate')).toEqual([3, 6]);
    expect(pick(CAMPAIGN_A, 'sla_compliance')).toEqual([5, 7]);
    expect(pick(CAMPAIGN_A, 'feedback_coverage')).toEqual([1, 2]);
    expect(pick(CAMPAIGN_A, 'sleeping_pipeline')).toEqual([3, null]);
    expect(pick(CAMPAIGN_B, 'mqls')).toEqual([5, null]);
    expect(pick(CAMPAIGN_B, 'acceptance_rate')).toEqual([2, 3]);
    expect(pick(CAMPAIGN_B, 'wastage_rate')).toEqual([2, 5]);
    expect(pick(CAMPAIGN_B, 'sla_compliance')).toEqual([2, 3]);
    expect(pick(CAMPAIGN_B, 'feedback_coverage')).toEqual([0, 1]);
    expect(pick(CAMPAIGN_B, 'mql_revenue')).toEqual([5_000, 1]);
    expect(pick(CAMPAIGN_B, 'rejected_code:(no code)')).toEqual([1, 1]);
  });

  it('adds up: the counts of every slice of a dimension sum to the whole', async () => {
    const set = await computeAggregates(t.db, period('2026-03'), THRESHOLDS, NOW);
    for (const dimension of ['campaign', 'source', 'territory', 'owner', 'team'] as const) {
      for (const metric of ['mqls', 'handed_off', 'accepted', 'rejected', 'won', 'sleeping_pipeline']) {
        const sum = set.rows
          .filter((r) => r.dimension === dimension && r.metric === metric)
          .reduce((total, r) => total + (r.numerator ?? 0), 0);
        expect({ dimension, metric, sum }).toEqual({ dimension, metric, sum: findAggregate(set, metric)?.numerator });
      }
    }
  });

  it('reports an empty period as zero counts and no rates, never as 0 % or NaN', async () => {
    const set = await computeAggregates(t.db, period('2025-06'), THRESHOLDS, at('01-01 00:00'));
    const all = set.rows.filter((r) => r.dimension === 'all');
    expect(all.map((r) => r.metric).sort()).toEqual([...METRIC_IDS].sort());
    for (const row of all) {
      expect(Number.isNaN(row.value)).toBe(false);
      const { kind } = definitionOf(row.metric);
      // The sleeping pipeline is a snapshot of the pipeline as it stands, whatever the period.
      if (row.metric.startsWith('sleeping_')) continue;
      if (kind === 'rate' || kind === 'minutes' || kind === 'days')
        expect({ metric: row.metric, value: row.value }).toEqual({ metric: row.metric, value: null });
    }
    expect(findAggregate(set, 'acceptance_rate')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(findAggregate(set, 'time_to_accept_median')).toMatchObject({ denominator: 0, value: null });
    expect(findAggregate(set, 'mqls')).toMatchObject({ numerator: 0, value: 0 });
    expect(findAggregate(set, 'mql_revenue')).toMatchObject({ numerator: 0, denominator: 0, value: 0 });
  });

  it('answers for an empty ledger with one row per metric for the whole, and no slices', async () => {
    const empty = await openTestDatabase(kind);
    try {
      await migrate(empty.db);
      const set = await computeAggregates(empty.db, period('2026-03'), THRESHOLDS, NOW);
      expect(set.rows.map((r) => `${r.dimension}/${r.metric}`).sort()).toEqual(
        METRIC_IDS.map((m) => `all/${m}`).sort(),
      );
      expect(findAggregate(set, 'sleeping_share')).toMatchObject({ numerator: 0, denominator: 0, value: null });
      expect(findAggregate(set, 'wastage_rate')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    } finally {
      await empty.dispose();
    }
  });

  it('counts a hand-off as not pursued only once its window has passed', async () => {
    // Rolling 7 days to 31 March 12:00: L16 (handed off 28 March, touched on the 30th, two days
    // later) is in the cohort; its 5-day window is still open, so it is not in the denominator.
    const set = await computeAggregates(t.db, period('7d', at('03-31 12:00')), THRESHOLDS, at('03-31 12:00'));
    expect(findAggregate(set, 'handed_off')?.numerator).toBe(1);
    expect(findAggregate(set, 'not_pursued_rate')).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('stores a set, replaces it when the same span is computed again, and reads it back', async () => {
    const march = period('2026-03');
    const first = await computeAggregates(t.db, march, THRESHOLDS, NOW);
    expect(await storeAggregates(t.db, first)).toBe(first.rows.length);
    const again = await computeAggregates(t.db, march, THRESHOLDS, NOW + 60_000);
    await storeAggregates(t.db, again);
    const loaded = await loadAggregates(t.db, march);
    expect(loaded?.computedAt).toBe(NOW + 60_000);
    expect(loaded?.rows).toHaveLength(again.rows.length);
    expect(loaded && findAggregate(loaded, 'wastage_rate', 'campaign', CAMPAIGN_A)).toEqual(
      findAggregate(again, 'wastage_rate', 'campaign', CAMPAIGN_A),
    );
    expect(await loadAggregates(t.db, period('2025-06'))).toBeNull();
  });
});
