// A latency distribution that merges: the raw samples of several runs (or load generators) pooled, so a percentile
// of the whole is computed from every sample — never an average of per-run percentiles.

/** Pools the samples of several runs into one array, in input order (unsorted). */
export function poolSamples(parts: readonly ArrayLike<number>[]): Float64Array {
  const pool = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    pool.set(part, offset);
    offset += part.length;
  }
  return pool;
}

/** Pools the samples of several runs into one sorted array (ascending). */
export function mergeSamples(parts: readonly ArrayLike<number>[]): Float64Array {
  return poolSamples(parts).sort();
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending samples by linear interpolation between closest ranks — Hyndman & Fan
 * type 7, R's default quantile and numpy's `linear`: the common definition, so a figure here can be checked against
 * either. (simple-statistics' quantileSorted takes a nearest rank instead, which would not match them.)
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be between 0 and 1, got ${p}`);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}
