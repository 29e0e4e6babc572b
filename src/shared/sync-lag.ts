/**
 * Sync lag: from a change in one CRM (its own timestamp) to leadpact's write of it in the other.
 * One set of bucket bounds, in seconds, for the Prometheus histogram and the samples the Sync
 * Health page charts, so both give the same percentiles.
 */
export const LAG_BUCKETS_SECONDS: readonly number[] = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600];

/** Counts per bucket (the last one: above the largest bound), as the samples store them. */
export type LagCounts = readonly number[];

export function emptyLagCounts(): number[] {
  return new Array<number>(LAG_BUCKETS_SECONDS.length + 1).fill(0);
}

export function lagBucket(seconds: number): number {
  const index = LAG_BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
  return index === -1 ? LAG_BUCKETS_SECONDS.length : index;
}

export function addLagCounts(into: number[], counts: LagCounts): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (counts[i] ?? 0);
}

/**
 * The q-quantile of bucketed observations, interpolated linearly inside the bucket as Prometheus'
 * histogram_quantile does; above the largest bound it is that bound. Null without observations.
 */
export function lagQuantile(counts: LagCounts, q: number): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const [index, count] of counts.entries()) {
    if (below + count >= rank && count > 0) {
      const upper = LAG_BUCKETS_SECONDS[index];
      if (upper === undefined) return LAG_BUCKETS_SECONDS.at(-1) ?? null;
      const lower = index === 0 ? 0 : (LAG_BUCKETS_SECONDS[index - 1] ?? 0);
      return lower + (upper - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return LAG_BUCKETS_SECONDS.at(-1) ?? null;
}
