// Seeded, hierarchical bootstrap of a contrast between two groups of runs (e.g. the ratio of their p95s). Each
// resample first draws runs with replacement, then samples within the drawn runs, so the interval carries the
// run-to-run variation a single pooled resample would hide. Same seed, same interval.

import { poolSamples } from './distribution.ts';

export type Statistic = (pool: Float64Array) => number;

export interface BootstrapOptions {
  iterations?: number;
  /** Two-sided confidence level of the percentile interval. */
  confidence?: number;
  seed?: number;
  /** Cap on samples drawn per side per resample (an m-out-of-n bootstrap: wider, never narrower, intervals). */
  maxSamplesPerSide?: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** mulberry32: a small, fast 32-bit generator, good enough for resampling and reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** k-th smallest value (0-based) by quickselect; reorders `values`. */
function select(values: Float64Array, k: number, from = 0): number {
  let left = from,
    right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >>> 1]!;
    let i = left,
      j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const tmp = values[i]!;
        values[i] = values[j]!;
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** The type-7 quantile (Hyndman & Fan; R's default, numpy's linear: as analysis/distribution.ts) of an unsorted pool, in linear time; reorders the pool. */
export function quantileStatistic(p: number): Statistic {
  return (pool) => {
    const rank = p * (pool.length - 1);
    const lower = Math.floor(rank);
    const low = select(pool, lower);
    if (rank === lower) return low;
    let next = Infinity;
    for (let i = lower + 1; i < pool.length; i++) if (pool[i]! < next) next = pool[i]!;
    return low + (next - low) * (rank - lower);
  };
}

export const meanStatistic: Statistic = (pool) => {
  let sum = 0;
  for (let i = 0; i < pool.length; i++) sum += pool[i]!;
  return sum / pool.length;
};

function resample(runs: readonly Float64Array[], random: () => number, cap: number): Float64Array {
  const picked = runs.map(() => runs[Math.floor(random() * runs.length)]!);
  const perRun = picked.map((run) => Math.min(run.length, Math.ceil(cap / runs.length)));
  const pool = new Float64Array(perRun.reduce((a, b) => a + b, 0));
  let offset = 0;
  picked.forEach((run, r) => {
    for (let i = 0; i < perRun[r]!; i++) pool[offset++] = run[Math.floor(random() * run.length)]!;
  });
  return pool;
}

/**
 * contrast(statistic(candidate), statistic(baseline)) on the pooled samples, with a percentile interval from
 * hierarchical resamples. Every run must hold at least one sample.
 */
export function bootstrapContrast(
  baseline: readonly Float64Array[],
  candidate: readonly Float64Array[],
  statistic: Statistic,
  contrast: (candidate: number, baseline: number) => number,
  options: BootstrapOptions = {},
): Interval {
  for (const [side, runs] of [
    ['baseline', baseline],
    ['candidate', candidate],
  ] as const) {
    if (runs.length === 0 || runs.some((r) => r.length === 0)) throw new RangeError(`bootstrap: every ${side} run needs samples`);
  }
  const iterations = options.iterations ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const cap = options.maxSamplesPerSide ?? 20_000;
  const random = seededRandom(options.seed ?? 1);
  const estimate = contrast(statistic(poolSamples(candidate)), statistic(poolSamples(baseline)));
  const draws = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    draws[i] = contrast(statistic(resample(candidate, random, cap)), statistic(resample(baseline, random, cap)));
  }
  draws.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number): number => draws[Math.min(iterations - 1, Math.max(0, Math.round(q * (iterations - 1))))]!;
  return { estimate, low: at(tail), high: at(1 - tail) };
}
