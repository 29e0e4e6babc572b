import type { Aggregate, Dimension } from './catalogue';
import type { Period } from './period';

/** The metrics of one period, as computed at one instant. */
export interface AggregateSet {
  readonly period: Period;
  readonly computedAt: number;
  readonly rows: readonly Aggregate[];
}

/** Looks one number up in a set; undefined when that slice had no such metric. */
export function findAggregate(
  set: AggregateSet,
  metric: string,
  dimension: Dimension = 'all',
  key = 'all',
): Aggregate | undefined {
  return set.rows.find((row) => row.metric === metric && row.dimension === dimension && row.key === key);
}
