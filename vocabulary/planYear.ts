// The coverage years whose rules the harness knows (poverty guidelines, applicable percentages, rate tables):
// one list for the type, the parsers, the exchange's request schema and the docs.

export const PLAN_YEARS = [2025, 2026] as const;
export type PlanYear = (typeof PLAN_YEARS)[number];

/** The plan year the text names, or undefined when it names none the harness knows. */
export function planYearOf(raw: string): PlanYear | undefined {
  return PLAN_YEARS.find((year) => String(year) === raw.trim());
}

export const PLAN_YEARS_TEXT = PLAN_YEARS.join(' or ');
