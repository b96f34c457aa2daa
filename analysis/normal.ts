// The standard normal distribution: the tail probabilities the rank tests (Mann–Whitney, Mann–Kendall) report.

import { errorFunction } from 'simple-statistics';

/** P(Z ≤ z) for a standard normal Z. Absolute error below 2e-7 (simple-statistics' erf approximation). */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  // The erf approximation is off by about 3e-8 at 0; exactness there keeps "no trend at all" at p = 1.
  if (z === 0) return 0.5;
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
