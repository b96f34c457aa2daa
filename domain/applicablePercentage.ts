// The applicable percentage: the share of income a household is expected to pay toward the benchmark plan.
// Linear within each band, rounded to 0.01 %; null where the rules give no credit at all (domain.md §3).

import type { PlanYear } from './household.ts';

interface Band {
  /** Lower bound (inclusive) in % FPL. */
  from: number;
  /** Upper bound (exclusive; the last band is open). */
  to: number;
  start: number;
  end: number;
}

const INF = Number.POSITIVE_INFINITY;

/** Plan years 2021–2025, the enhanced credit: nothing up to 150 %, 8.5 % from 400 % with no cap. */
const ENHANCED: Band[] = [
  { from: 0, to: 150, start: 0, end: 0 },
  { from: 150, to: 200, start: 0, end: 2 },
  { from: 200, to: 250, start: 2, end: 4 },
  { from: 250, to: 300, start: 4, end: 6 },
  { from: 300, to: 400, start: 6, end: 8.5 },
  { from: 400, to: INF, start: 8.5, end: 8.5 },
];

/** Plan year 2026: the original schedule returns, and above 400 % there is no credit. */
const ORIGINAL_2026: Band[] = [
  { from: 0, to: 133, start: 2.1, end: 2.1 },
  { from: 133, to: 150, start: 3.14, end: 4.19 },
  { from: 150, to: 200, start: 4.19, end: 6.6 },
  { from: 200, to: 250, start: 6.6, end: 8.44 },
  { from: 250, to: 300, start: 8.44, end: 9.96 },
  { from: 300, to: 400.0001, start: 9.96, end: 9.96 },
];

const SCHEDULES: Record<PlanYear, Band[]> = { 2025: ENHANCED, 2026: ORIGINAL_2026 };

export function applicablePercentage(planYear: PlanYear, fplPercent: number): number | null {
  const schedule = SCHEDULES[planYear];
  if (!schedule) throw new RangeError(`plan year ${planYear}: expected 2025 or 2026`);
  const band = schedule.find((b) => fplPercent >= b.from && fplPercent < b.to);
  if (!band) return null;
  const width = Number.isFinite(band.to) ? band.to - band.from : 1;
  const share = band.start + ((fplPercent - band.from) / width) * (band.end - band.start);
  return Math.round(share * 100) / 100;
}
