// Money: integer cents inside, dollars with two decimals at the edges. Rounding is half up (away from zero for
// positive amounts) at each step the rules name: member premium, monthly contribution.

export type Cents = number;

export const toCents = (dollars: number): Cents => Math.round(dollars * 100);
export const toDollars = (cents: Cents): number => Math.round(cents) / 100;

/** Half-up rounding of a fractional number of cents to whole cents (amounts here are never negative). */
export const roundCents = (fractionalCents: number): Cents => Math.floor(fractionalCents + 0.5 + 1e-9);
