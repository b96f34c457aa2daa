// The applicable percentage: the share of income a household is expected to pay toward the benchmark plan.
// The band is chosen on the exact ratio of income to the poverty line; within it the percentage is linear and
// rounded once, half up, to 0.01 % (26 CFR 1.36B-3(g)(1)); null where the rules give no credit at all (domain.md §3).
// Exact integer arithmetic: a float interpolation can land a hair under a .xx5 and round the wrong way.

import type { PlanYear } from './household.ts';
import { divideRoundHalfUp } from './money.ts';
import { comparePercent, type FplRatio } from './povertyGuideline.ts';

export interface Band {
  /** Lower bound in % FPL, inclusive ("at least"). */
  from: number;
  /** Upper bound in % FPL: exclusive ("less than"), or inclusive when `toInclusive` ("not more than"); null: open. */
  to: number | null;
  toInclusive?: boolean;
  /** Applicable percentage at `from` and at `to`, in percent with at most two decimals. */
  start: number;
  end: number;
}

/** Plan years 2021–2025, the enhanced credit (26 USC 36B(b)(3)(A)(iii)): nothing to 150 %, 8.5 % from 400 %, no cap. */
export const ENHANCED: readonly Band[] = [
  { from: 100, to: 150, start: 0, end: 0 },
  { from: 150, to: 200, start: 0, end: 2 },
  { from: 200, to: 250, start: 2, end: 4 },
  { from: 250, to: 300, start: 4, end: 6 },
  { from: 300, to: 400, start: 6, end: 8.5 },
  { from: 400, to: null, start: 8.5, end: 8.5 },
];

/**
 * Plan year 2026 (Rev. Proc. 2025-25): the original schedule returns; "at least 300 % but not more than 400 %", and
 * above 400 % no credit (26 USC 36B(c)(1)(A)).
 */
export const ORIGINAL_2026: readonly Band[] = [
  { from: 100, to: 133, start: 2.1, end: 2.1 },
  { from: 133, to: 150, start: 3.14, end: 4.19 },
  { from: 150, to: 200, start: 4.19, end: 6.6 },
  { from: 200, to: 250, start: 6.6, end: 8.44 },
  { from: 250, to: 300, start: 8.44, end: 9.96 },
  { from: 300, to: 400, toInclusive: true, start: 9.96, end: 9.96 },
];

const SCHEDULES: Record<PlanYear, readonly Band[]> = { 2025: ENHANCED, 2026: ORIGINAL_2026 };

const hundredths = (percent: number): number => Math.round(percent * 100);

function inBand(band: Band, ratio: FplRatio): boolean {
  if (comparePercent(ratio, band.from) < 0) return false;
  if (band.to === null) return true;
  const upper = comparePercent(ratio, band.to);
  return band.toInclusive ? upper <= 0 : upper < 0;
}

/** The applicable percentage of `schedule` for `ratio` (percent, two decimals), or null outside every band. */
export function interpolate(schedule: readonly Band[], ratio: FplRatio): number | null {
  const band = schedule.find((b) => inBand(b, ratio));
  if (!band) return null;
  const start = hundredths(band.start);
  const rise = hundredths(band.end) - start;
  if (band.to === null || rise === 0) return start / 100;
  // share = start + (I/L − from) / (to − from) × rise, with I cents and L dollars (I/L is % FPL):
  //       = start + (I − from·L) × rise / ((to − from) × L), in hundredths of a percent; rounded half up once.
  // Every factor is a whole number, and a sloped band is bounded (income ≤ to % of the line), so the products stay
  // far below 2^53: doubles hold them exactly.
  const from = hundredths(band.from);
  const numerator = (ratio.incomeCents * 100 - from * ratio.lineDollars) * rise;
  return (start + divideRoundHalfUp(numerator, (hundredths(band.to) - from) * ratio.lineDollars)) / 100;
}

export function applicablePercentage(planYear: PlanYear, ratio: FplRatio): number | null {
  const schedule = SCHEDULES[planYear];
  if (!schedule) throw new RangeError(`plan year ${planYear}: expected 2025 or 2026`);
  return interpolate(schedule, ratio);
}
