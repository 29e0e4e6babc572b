import { err, ok, type Result } from '../../shared/result';
import type { Db, Queryable } from '../db';
import { toInstant } from '../instant';
import { queryAggregates } from './aggregate-query';
import type { AggregateSet } from '../../metrics/aggregate-set';
import { DIMENSIONS, type Aggregate, type Dimension, type MetricThresholds } from '../../metrics/catalogue';
import { resolvePeriod, type Period } from '../../metrics/period';

/** Computes every aggregate of the period from the ledger (nothing is stored). */
export async function computeAggregates(
  db: Queryable,
  period: Period,
  thresholds: MetricThresholds,
  now: number,
): Promise<AggregateSet> {
  return { period, computedAt: now, rows: await queryAggregates(db, period, thresholds, now) };
}

/**
 * What the scheduled job runs: the period named by `spec` (rolling-30d, previous-month...) as of
 * `now`, computed from the ledger and stored, replacing an earlier computation of the same span.
 */
export async function refreshAggregates(
  db: Db,
  options: { readonly period: string; readonly thresholds: MetricThresholds; readonly timeZone?: string },
  now: number,
): Promise<Result<AggregateSet, string>> {
  const pair = resolvePeriod(options.period, now, options.timeZone);
  if (!pair.ok) return err(pair.error);
  const set = await computeAggregates(db, pair.value.current, options.thresholds, now);
  await storeAggregates(db, set);
  return ok(set);
}

// 10 parameters a row; PostgreSQL allows 65,535 parameters a statement.
const INSERT_CHUNK = 2_000;

/**
 * Replaces what was stored for the same span: keys that no longer occur (a campaign with no lead
 * left in the period) disappear with the rest, in one transaction, so readers never see half a set.
 */
export async function storeAggregates(db: Db, set: AggregateSet): Promise<number> {
  const start = new Date(set.period.start).toISOString();
  const end = new Date(set.period.end).toISOString();
  const computedAt = new Date(set.computedAt).toISOString();
  return db.transaction(async (tx) => {
    await tx.query('DELETE FROM metric_aggregates WHERE period_start = $1 AND period_end = $2', [start, end]);
    for (let offset = 0; offset < set.rows.length; offset += INSERT_CHUNK) {
      const chunk = set.rows.slice(offset, offset + INSERT_CHUNK);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const base = params.length;
        params.push(
          start,
          end,
          set.period.id,
          row.dimension,
          row.key,
          row.metric,
          row.numerator,
          row.denominator,
          row.value,
          computedAt,
        );
        return `(${Array.from({ length: 10 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await tx.query(
        `INSERT INTO metric_aggregates (period_start, period_end, period, dimension, key, metric, numerator, denominator, value, computed_at)
         VALUES ${tuples.join(', ')}`,
        params,
      );
    }
    return set.rows.length;
  });
}

interface StoredRow {
  [column: string]: unknown;
  period: string;
  dimension: string;
  key: string;
  metric: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  computed_at: unknown;
}

const isDimension = (value: string): value is Dimension => (DIMENSIONS as readonly string[]).includes(value);

/** The set stored for exactly this span, or null when it was never computed. */
export async function loadAggregates(db: Queryable, period: Period): Promise<AggregateSet | null> {
  const result = await db.query<StoredRow>(
    `SELECT period, dimension, key, metric, numerator, denominator, value, computed_at FROM metric_aggregates
     WHERE period_start = $1 AND period_end = $2 ORDER BY dimension, key, metric`,
    [new Date(period.start).toISOString(), new Date(period.end).toISOString()],
  );
  const first = result.rows[0];
  if (first === undefined) return null;
  const rows = result.rows.flatMap((row): Aggregate[] =>
    isDimension(row.dimension)
      ? [
          {
            dimension: row.dimension,
            key: row.key,
            metric: row.metric,
            numerator: row.numerator,
            denominator: row.denominator,
            value: row.value,
          },
        ]
      : [],
  );
  return { period, computedAt: toInstant(first.computed_at) ?? 0, rows };
}
