// Federal poverty guidelines (100 % FPL) in dollars a year; the guideline of year N prices coverage year N+1.

import type { PlanYear } from './household.ts';

type Region = 'contiguous' | 'AK' | 'HI';

const GUIDELINES: Record<number, Record<Region, { base: number; extra: number }>> = {
  2024: { contiguous: { base: 15_060, extra: 5_380 }, AK: { base: 18_810, extra: 6_730 }, HI: { base: 17_310, extra: 6_190 } },
  // The 2025 Alaska and Hawaii extra-person amounts are unverified in domain.md (6,880 and 6,330).
  2025: { contiguous: { base: 15_650, extra: 5_500 }, AK: { base: 19_550, extra: 6_880 }, HI: { base: 17_990, extra: 6_330 } },
};

const regionOf = (state: string): Region => (state === 'AK' ? 'AK' : state === 'HI' ? 'HI' : 'contiguous');

/** 100 % of the poverty line for a household of `size` in `state`, as used for `planYear`. */
export function povertyLine(planYear: PlanYear, state: string, size: number): number {
  const table = GUIDELINES[planYear - 1];
  if (!table) throw new RangeError(`plan year ${planYear}: expected 2025 or 2026`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`household size ${size}: expected a whole number ≥ 1`);
  const { base, extra } = table[regionOf(state)];
  return base + extra * (size - 1);
}

/** Household income as a percentage of the poverty line, rounded to 0.01. */
export function fplPercentOf(planYear: PlanYear, state: string, size: number, income: number): number {
  return Math.round((income / povertyLine(planYear, state, size)) * 10_000) / 100;
}
