// Federal poverty guidelines (100 % FPL) in dollars a year; the guideline of year N prices coverage year N+1.
// Income is compared with the guideline as an exact ratio of integers (cents over dollars), never as a rounded
// percentage: "up to 133 percent" means 132.998 % is below 133 % (domain.md §3).

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

/**
 * Income over the poverty line, exactly: % FPL = incomeCents / lineDollars (cents ÷ dollars is the ratio × 100).
 * Both are integers far below 2^53, so every comparison below is exact.
 */
export interface FplRatio {
  incomeCents: number;
  lineDollars: number;
}

export function fplRatioOf(planYear: PlanYear, state: string, size: number, income: number): FplRatio {
  if (!Number.isFinite(income) || income < 0) throw new RangeError(`household income ${income}: expected dollars ≥ 0`);
  return { incomeCents: Math.round(income * 100), lineDollars: povertyLine(planYear, state, size) };
}

/** Compares the ratio with `percent` % FPL (given to 0.01 at most): −1 below, 0 exactly at, 1 above. */
export function comparePercent(ratio: FplRatio, percent: number): -1 | 0 | 1 {
  // incomeCents / line vs percent  ⇔  incomeCents × 100 vs (percent × 100) × line, all integers.
  const left = ratio.incomeCents * 100;
  const right = Math.round(percent * 100) * ratio.lineDollars;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const isBelowPercent = (ratio: FplRatio, percent: number): boolean => comparePercent(ratio, percent) < 0;
export const isAtMostPercent = (ratio: FplRatio, percent: number): boolean => comparePercent(ratio, percent) <= 0;

/** % FPL for people to read, truncated (not rounded) to 0.01, so a value shown as 133.00 is never below 133 %. */
export const displayPercent = (ratio: FplRatio): number => Math.floor((ratio.incomeCents * 100) / ratio.lineDollars) / 100;

/** Household income as a percentage of the poverty line, truncated to 0.01 (for display; bands use the exact ratio). */
export function fplPercentOf(planYear: PlanYear, state: string, size: number, income: number): number {
  return displayPercent(fplRatioOf(planYear, state, size, income));
}
