// The federal default age curve: premium factor relative to age 21 (domain.md §3). Age is taken on the plan year's
// first day, January 1, whatever day coverage starts (coverageStart.ts): one price per household for the whole year.

const ADULT_FACTORS: Record<number, number> = {
  15: 0.833,
  16: 0.859,
  17: 0.885,
  18: 0.913,
  19: 0.941,
  20: 0.97,
  21: 1,
  22: 1,
  23: 1,
  24: 1,
  25: 1.004,
  26: 1.024,
  27: 1.048,
  28: 1.087,
  29: 1.119,
  30: 1.135,
  31: 1.159,
  32: 1.183,
  33: 1.198,
  34: 1.214,
  35: 1.222,
  36: 1.23,
  37: 1.238,
  38: 1.246,
  39: 1.262,
  40: 1.278,
  41: 1.302,
  42: 1.325,
  43: 1.357,
  44: 1.397,
  45: 1.444,
  46: 1.5,
  47: 1.563,
  48: 1.635,
  49: 1.706,
  50: 1.786,
  51: 1.865,
  52: 1.952,
  53: 2.04,
  54: 2.135,
  55: 2.23,
  56: 2.333,
  57: 2.437,
  58: 2.548,
  59: 2.603,
  60: 2.714,
  61: 2.81,
  62: 2.873,
  63: 2.952,
};

export function ageFactor(age: number): number {
  if (!Number.isInteger(age) || age < 0) throw new RangeError(`age ${age}: expected a whole number of years ≥ 0`);
  if (age <= 14) return 0.765;
  if (age >= 64) return 3;
  return ADULT_FACTORS[age]!;
}

/** CCYY-MM-DD as the number CCYYMMDD, read digit by digit; NaN when the text is not exactly that shape. */
function dateNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Whole years on `onDate` (both CCYY-MM-DD). The oracle asks this several times per member and plan (a million
 * households price tens of millions of members), so the usual shape is read without split; any other falls back.
 */
export function ageOn(dob: string, onDate: string): number {
  const born = dateNumber(dob);
  const on = dateNumber(onDate);
  if (!Number.isNaN(born) && !Number.isNaN(on)) {
    const years = Math.floor(on / 10_000) - Math.floor(born / 10_000);
    return on % 10_000 < born % 10_000 ? years - 1 : years;
  }
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** January 1 of the plan year: the day ages are taken on for rating and Medicaid. */
export const planYearStartOf = (planYear: number): string => `${planYear}-01-01`;
