// Trend of a series: the Mann–Kendall test (is there a monotonic trend?) with the variance corrected for ties, and
// the Theil–Sen slope (how steep, robust to outliers). Quadratic in the series length: feed it windows, not samples.

import { median } from 'simple-statistics';
import { twoSidedP } from './normal.ts';

export interface MannKendallResult {
  n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  varianceS: number;
  /** Continuity-corrected: (S − sign S) / √Var(S). */
  z: number;
  pValue: number;
  /** Kendall's τ as S / (n(n−1)/2). */
  tau: number;
}

export const MAX_TREND_POINTS = 20_000;

function requireSeries(values: readonly number[], what: string): void {
  if (values.length > MAX_TREND_POINTS) throw new RangeError(`${what}: ${values.length} points; window the series to at most ${MAX_TREND_POINTS}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError(`${what}: the series holds a value that is not a finite number`);
}

/** Σ t(t−1)(2t+5) over groups of equal values. */
function tieTerm(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let sum = 0;
  for (const t of counts.values()) sum += t * (t - 1) * (2 * t + 5);
  return sum;
}

export function mannKendall(values: readonly number[]): MannKendallResult {
  requireSeries(values, 'Mann–Kendall');
  const n = values.length;
  if (n < 3) throw new RangeError(`Mann–Kendall needs at least 3 points, got ${n}`);
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const vi = values[i]!;
    for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - vi);
  }
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieTerm(values)) / 18;
  const z = varianceS > 0 ? (s - Math.sign(s)) / Math.sqrt(varianceS) : 0;
  return { n, s, varianceS, z, pValue: twoSidedP(z), tau: s / ((n * (n - 1)) / 2) };
}

export interface TheilSen {
  /** Median of the pairwise slopes (y_j − y_i) / (t_j − t_i). */
  slope: number;
  /** Median of y − slope · t, so the line is y = intercept + slope · t. */
  intercept: number;
}

export function theilSen(times: readonly number[], values: readonly number[]): TheilSen {
  requireSeries(values, 'Theil–Sen');
  if (times.length !== values.length) throw new RangeError(`Theil–Sen: ${times.length} times for ${values.length} values`);
  const slopes: number[] = [];
  for (let i = 0; i < values.length - 1; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const dt = times[j]! - times[i]!;
      if (dt !== 0) slopes.push((values[j]! - values[i]!) / dt);
    }
  }
  if (slopes.length === 0) throw new RangeError('Theil–Sen needs at least two points at different times');
  const slope = median(slopes);
  const intercept = median(values.map((v, i) => v - slope * times[i]!));
  return { slope, intercept };
}
