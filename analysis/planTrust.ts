// Whether a USL fit is fit to plan from. A fit always comes out of three or more load levels, but instances planned
// from points that barely differ in concurrency, or that the curve does not explain, are numbers without meaning:
// three near-identical points (R² 0.17) once printed "5 instances needed". Pure: the capacity command and the
// report ask this before they show a plan.

import type { LoadPoint } from './usl.ts';

/**
 * The highest concurrency measured must be at least this many times the lowest. Contention (σ) and coherency (κ)
 * only show as throughput bends away from linear; over less than a fourfold range (the stress profile spans 32×,
 * 16× at scale 0.5) that bend is within the noise and σ, κ and N* are guesses.
 */
export const MIN_CONCURRENCY_SPAN = 4;

/**
 * Below this R² no plan is made: the USL then explains less than half of how throughput varied between the load
 * levels, so most of it came from something else (a busy machine, too short steps), and instances planned from the
 * curve would follow that noise. Between this and 0.8 the plan is made and flagged.
 */
export const MIN_PLAN_R_SQUARED = 0.5;

export type PlanRefusal =
  | {
      reason: 'not enough distinct load levels';
      detail: string;
      lowestConcurrency: number;
      highestConcurrency: number;
      concurrencySpan: number;
      minConcurrencySpan: number;
    }
  | { reason: 'poor fit'; detail: string; rSquared: number; minRSquared: number };

const n = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Why no plan should be made from this fit of these points; undefined when a plan can be made. */
export function planRefusal(points: readonly LoadPoint[], rSquared: number): PlanRefusal | undefined {
  const concurrencies = points.map((p) => p.concurrency);
  const lowest = Math.min(...concurrencies);
  const highest = Math.max(...concurrencies);
  const span = highest / lowest;
  if (!(span >= MIN_CONCURRENCY_SPAN)) {
    return {
      reason: 'not enough distinct load levels',
      detail: `the points span concurrency ${n(lowest)} to ${n(highest)} (${n(span)}×); a plan needs the highest at least ${MIN_CONCURRENCY_SPAN}× the lowest, or the curve's bend is noise. Measure from a few VUs up to past the peak (harness run stress).`,
      lowestConcurrency: lowest,
      highestConcurrency: highest,
      concurrencySpan: span,
      minConcurrencySpan: MIN_CONCURRENCY_SPAN,
    };
  }
  if (!(rSquared >= MIN_PLAN_R_SQUARED)) {
    return {
      reason: 'poor fit',
      detail: `the USL explains too little of these points (R² ${rSquared.toFixed(2)}, below ${MIN_PLAN_R_SQUARED}): throughput varied for other reasons than load. Re-run with longer steps on a quieter machine.`,
      rSquared,
      minRSquared: MIN_PLAN_R_SQUARED,
    };
  }
  return undefined;
}
