// Money: integer cents inside, dollars with two decimals at the edges. Rounding is half up (away from zero for
// positive amounts) at each step the rules name: member premium, monthly contribution.

export type Cents = number;

export const toCents = (dollars: number): Cents => Math.round(dollars * 100);
export const toDollars = (cents: Cents): number => Math.round(cents) / 100;

/** Half-up rounding of a fractional number of cents to whole cents (amounts here are never negative). */
export const roundCents = (fractionalCents: number): Cents => Math.floor(fractionalCents + 0.5 + 1e-9);

/** numerator ÷ denominator rounded half up, exactly, for whole numbers ≥ 0 below 2^53 (no float rounding at .5). */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  let q = Math.floor(numerator / denominator);
  let r = numerator - q * denominator;
  if (r < 0) (q -= 1), (r += denominator);
  else if (r >= denominator) (q += 1), (r -= denominator);
  return 2 * r >= denominator ? q + 1 : q;
}
