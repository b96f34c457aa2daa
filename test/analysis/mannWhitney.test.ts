// Mann–Whitney U worked by hand; the p-values equal R's wilcox.test(x, y, exact = FALSE) (normal approximation with
// the continuity correction and the tie-corrected variance).

import { describe, expect, it } from 'vitest';
import { mannWhitney } from '../../analysis/mannWhitney.ts';
import { normalCdf, twoSidedP } from '../../analysis/normal.ts';

describe('mannWhitney', () => {
  it('separated samples: U1 = 0, z = (0 − 4.5 + 0.5)/√(9·7/12), p = 0.0809', () => {
    const r = mannWhitney([1, 2, 3], [4, 5, 6]);
    expect(r.u1).toBe(0);
    expect(r.u2).toBe(9);
    expect(r.z).toBeCloseTo(-4 / Math.sqrt(63 / 12), 12);
    expect(r.pTwoSided).toBeCloseTo(0.0809, 4);
    expect(r.pLess).toBeCloseTo(0.0404, 4);
    expect(r.probabilityGreater).toBe(0);
  });

  it('ties: mid-ranks and the tie-corrected variance', () => {
    // Pooled: 1x 2x 2x 2y 3x 3y 4y 5y → ranks 1, 3, 3, 3, 5.5, 5.5, 7, 8. R1 = 1 + 3 + 3 + 5.5 = 12.5, U1 = 12.5 − 10.
    // Var = (16/12)(9 − Σ(t³ − t)/(8·7)) with ties of 3 and 2: Σ = 24 + 6.
    const r = mannWhitney([1, 2, 2, 3], [2, 3, 4, 5]);
    expect(r.u1).toBe(2.5);
    const variance = (16 / 12) * (9 - 30 / 56);
    expect(r.z).toBeCloseTo((2.5 - 8 + 0.5) / Math.sqrt(variance), 12);
    expect(r.pTwoSided).toBeCloseTo(0.1367, 4); // R: W = 2.5, p-value = 0.1367
  });

  it('is symmetric: swapping the samples swaps U and the one-sided tails', () => {
    const x = [3.1, 4.5, 2.2, 8.9, 5.5],
      y = [1.2, 2.8, 3.3, 0.4];
    const a = mannWhitney(x, y),
      b = mannWhitney(y, x);
    expect(a.u1).toBe(b.u2);
    expect(a.pGreater).toBeCloseTo(b.pLess, 12);
    expect(a.pTwoSided).toBeCloseTo(b.pTwoSided, 12);
  });

  it('identical samples: no evidence of a shift', () => {
    const r = mannWhitney([5, 5, 5], [5, 5, 5]);
    expect(r.u1).toBe(4.5);
    expect(r.pTwoSided).toBe(1);
  });

  it('refuses empty or NaN samples', () => {
    expect(() => mannWhitney([], [1])).toThrow(/samples on both sides, got 0 and 1/);
    expect(() => mannWhitney([1, Number.NaN], [1])).toThrow(/NaN/);
  });
});

describe('normal tail probabilities', () => {
  it('matches the standard table', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(twoSidedP(-1.959964)).toBeCloseTo(0.05, 6);
    expect(normalCdf(-Infinity)).toBe(0);
  });
});
