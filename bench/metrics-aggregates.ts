import { randomBytes } from 'node:crypto';
import { computeAggregates, storeAggregates } from '../src/store/metrics/aggregate-repository';
import { findAggregate, type AggregateSet } from '../src/metrics/aggregate-set';
import { resolvePeriod, type Period } from '../src/metrics/period';
import { reportCommandData } from '../src/app/scorecard-data';
import { silentLogger } from '../src/shared/logger';
import type { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { createPgDb, dropPgSchema } from '../src/store/pg-db';
import { createPgliteDb } from '../src/store/pglite-db';
import { generateHistory, insertHistory, type LedgerRow } from './metrics-history';

const THRESHOLDS = { dormancyDays: 14, notPursuedDays: 5 };

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return Number(((performance.now() - started) / 1_000).toFixed(3));
};

/** Seeds the ledger, then times one period's aggregates, their storage, and the whole scorecard. */
function period(spec: string, now: number): Period {
  const pair = resolvePeriod(spec, now);
  if (!pair.ok) throw new Error(pair.error);
  return pair.value.current;
}

async function measure(
  db: Db,
  rows: readonly LedgerRow[],
  now: number,
  prefix: string,
): Promise<Record<string, number>> {
  const month = period('30d', now);
  const seed = await seconds(async () => {
    await migrate(db);
    await insertHistory(db, rows);
    // Fresh statistics, as autovacuum would have gathered on a live ledger.
    await db.query('ANALYZE leads');
  });
  let set: AggregateSet | undefined;
  const aggregates = await seconds(async () => {
    set = await computeAggregates(db, month, THRESHOLDS, now);
    await storeAggregates(db, set);
  });
  const compute = await seconds(() => computeAggregates(db, month, THRESHOLDS, now));
  const wholeHistory = await seconds(() => computeAggregates(db, period('27w', now), THRESHOLDS, now));
  const scorecard = await seconds(() => reportCommandData(db, { period: '30d', thresholds: THRESHOLDS }, now));
  const rate = (metric: string) =>
    Number((set === undefined ? NaN : (findAggregate(set, metric)?.value ?? NaN)).toFixed(3));
  return {
    [`${prefix}SeedSeconds`]: seed,
    [`${prefix}AggregatesSeconds`]: compute,
    [`${prefix}AggregatesAndStoreSeconds`]: aggregates,
    [`${prefix}WholeHistoryAggregatesSeconds`]: wholeHistory,
    [`${prefix}ScorecardSeconds`]: scorecard,
    [`${prefix}AggregateRows`]: set?.rows.length ?? 0,
    [`${prefix}Mqls`]: rate('mqls'),
    [`${prefix}AcceptanceRate`]: rate('acceptance_rate'),
    [`${prefix}WastageRate`]: rate('wastage_rate'),
    [`${prefix}SlaCompliance`]: rate('sla_compliance'),
  };
}

/**
 * 50,000 leads (BENCH_METRICS_LEADS to change) into a fresh PostgreSQL schema and into in-memory
 * PGlite; one 30-day period's aggregates over every dimension. "AggregatesSeconds" is the
 * computation alone (a second run, warm); "AggregatesAndStoreSeconds" the first run plus writing
 * the set; "WholeHistoryAggregatesSeconds" a 27-week period holding all the leads in its cohorts;
 * "ScorecardSeconds" everything the page shows (two periods, trend, histogram, left behind).
 */
export async function run(): Promise<Record<string, number | string>> {
  const count = Number(process.env['BENCH_METRICS_LEADS'] ?? 50_000);
  const databaseUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const now = Date.parse('2026-04-10T12:00:00Z');
  const rows = generateHistory({ count, now });
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const postgres = await createPgDb({
    connectionString: databaseUrl,
    schema,
    logger: silentLogger(),
    maxConnections: 4,
  });
  let pgFigures: Record<string, number>;
  try {
    pgFigures = await measure(postgres, rows, now, 'postgres');
  } finally {
    await postgres.close();
    await dropPgSchema(databaseUrl, schema);
  }
  const pglite = await createPgliteDb(undefined);
  try {
    const liteFigures = await measure(pglite, rows, now, 'pglite');
    return {
      leads: count,
      period: '30d',
      dimensions: 'all, campaign, source, territory, owner, team',
      ...pgFigures,
      ...liteFigures,
    };
  } finally {
    await pglite.close();
  }
}
