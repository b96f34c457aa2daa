// When coverage starts, from the day the consumer submitted the enrollment (45 CFR 155.410(f); domain.md §3).
// Open enrollment for plan year N runs November 1 (N−1) to January 15 (N): a plan chosen by December 15 starts
// January 1; December 16 – January 15, February 1. Outside it, the special-enrollment rule: the first of the next month.
// Dates are calendar days in UTC (the harness's one clock; the federal deadlines are local midnight, a few hours apart).
// Two harness conventions keep a run on any day inside plan year N (the harness knows only 2025's and 2026's rules):
// a submission before open enrollment starts on January 1 (as if on its first day), and one in December of plan year N
// — whose next month is in N+1 — starts on December 1 of N, the last month the plan year has. Both are flagged.

import type { PlanYear } from './household.ts';

export type CoverageRule = 'open-enrollment' | 'late-open-enrollment' | 'special-enrollment' | 'before-open-enrollment' | 'after-plan-year';

export interface CoverageStart {
  /** CCYY-MM-DD: DTP*348 and the confirmation's effective date. */
  effectiveDate: string;
  /** CCYY-MM-DD: the plan year's last day (DTP*349). */
  endDate: string;
  rule: CoverageRule;
}

const OPEN_ENROLLMENT_FIRST = { month: 11, day: 1 } as const;
const REGULAR_DEADLINE = { month: 12, day: 15 } as const;
const OPEN_ENROLLMENT_LAST = { month: 1, day: 15 } as const;

const ymd = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function coverageStart(planYear: PlanYear, submittedAt: Date): CoverageStart {
  const time = submittedAt.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`submission time ${String(submittedAt)}: expected a valid date`);
  const day = ymd(submittedAt.getUTCFullYear(), submittedAt.getUTCMonth() + 1, submittedAt.getUTCDate());
  const endDate = ymd(planYear, 12, 31);
  const start = (date: string, rule: CoverageRule): CoverageStart => ({ effectiveDate: date, endDate, rule });
  if (day < ymd(planYear - 1, OPEN_ENROLLMENT_FIRST.month, OPEN_ENROLLMENT_FIRST.day)) return start(ymd(planYear, 1, 1), 'before-open-enrollment');
  if (day <= ymd(planYear - 1, REGULAR_DEADLINE.month, REGULAR_DEADLINE.day)) return start(ymd(planYear, 1, 1), 'open-enrollment');
  if (day <= ymd(planYear, OPEN_ENROLLMENT_LAST.month, OPEN_ENROLLMENT_LAST.day)) return start(ymd(planYear, 2, 1), 'late-open-enrollment');
  const month = submittedAt.getUTCMonth() + 1;
  if (submittedAt.getUTCFullYear() === planYear && month < 12) return start(ymd(planYear, month + 1, 1), 'special-enrollment');
  return start(ymd(planYear, 12, 1), 'after-plan-year');
}
