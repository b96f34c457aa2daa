// Mann–Kendall and Theil–Sen: a worked example by hand, and the published results of pyMannKendall on its monthly
// rainfall test data (Bogra, Bangladesh, 1981–2010; fixtures/bogra-rainfall.csv).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mannKendall, MAX_TREND_POINTS, theilSen } from '../../analysis/trend.ts';

describe('mannKendall: worked by hand', () => {
  it('a strictly rising series of 5: S = 10, Var S = 5·4·15/18, z = (S − 1)/√Var', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expect(r.varianceS).toBeCloseTo(50 / 3, 12);
    expect(r.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12); // 2.2045
    expect(r.pValue).toBeCloseTo(0.0275, 4);
    expect(r.tau).toBe(1);
  });

  it('corrects the variance for ties: [1, 2, 2, 3] has one pair tied', () => {
    // S: (1,2)+ (1,2)+ (1,3)+ (2,2)0 (2,3)+ (2,3)+ = 5; Var = (4·3·13 − 2·1·9)/18 = 138/18.
    const r = mannKendall([1, 2, 2, 3]);
    expect(r.s).toBe(5);
    expect(r.varianceS).toBeCloseTo(138 / 18, 12);
  });

  it('a constant series has no trend (z = 0, p = 1)', () => {
    const r = mannKendall([4, 4, 4, 4]);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it('refuses short, non-finite or unwindowed series', () => {
    expect(() => mannKendall([1, 2])).toThrow(/at least 3 points/);
    expect(() => mannKendall([1, Number.NaN, 2])).toThrow(/not a finite number/);
    expect(() => mannKendall(new Array<number>(MAX_TREND_POINTS + 1).fill(1))).toThrow(/window the series/);
  });
});

describe('theilSen: worked by hand', () => {
  it('takes the median pairwise slope, robust to one outlier', () => {
    // Pairwise slopes of (0,0) (1,1) (2,2) (3,30): 1, 1, 10, 1, 14.5, 28; sorted 1, 1, 1, 10, 14.5, 28 → (1 + 10)/2.
    const line = theilSen([0, 1, 2, 3], [0, 1, 2, 30]);
    expect(line.slope).toBe(5.5);
    // Intercept: median of y − 5.5 t = 0, −4.5, −9, 13.5 → (−4.5 + 0)/2.
    expect(line.intercept).toBe(-2.25);
  });

  it('uses the times given, not the positions', () => {
    expect(theilSen([0, 60, 120, 180], [10, 12, 14, 16]).slope).toBeCloseTo(2 / 60, 12);
  });

  it('refuses mismatched or timeless input', () => {
    expect(() => theilSen([0, 1], [1, 2, 3])).toThrow(/2 times for 3 values/);
    expect(() => theilSen([5, 5], [1, 2])).toThrow(/two points at different times/);
  });
});

describe('Mann–Kendall and Theil–Sen: published results on Bogra monthly rainfall', () => {
  // pyMannKendall (Hussain & Mahmud, JOSS 2019, doi:10.21105/joss.01556), tests/test_pymannkendall.py,
  // test_original_test on column 3 of tests/data/Monthly Rainfall.csv: S −1959, Var(S) 4889800.333…, z −0.88545…,
  // p 0.37591…, Tau −0.031531…, Sen's slope −0.0064516… (−1/155). pyMannKendall drops the 7 missing months and
  // numbers the remaining 353 consecutively; so does this test.
  const rows = readFileSync(join(import.meta.dirname, 'fixtures', 'bogra-rainfall.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const values = rows
    .map((row) => row.split(',')[2]!.trim())
    .filter((cell) => cell !== '')
    .map(Number);

  it('reads 360 months of which 353 have a value', () => {
    expect(rows).toHaveLength(360);
    expect(values).toHaveLength(353);
  });

  it('matches S, Var(S), z, p and τ', () => {
    const r = mannKendall(values);
    expect(r.s).toBe(-1959);
    expect(r.varianceS).toBeCloseTo(4889800.333333333, 6);
    expect(r.z).toBeCloseTo(-0.8854562842589916, 12);
    expect(r.pValue).toBeCloseTo(0.37591058740506833, 6); // the normal CDF here is accurate to about 1e-7
    expect(r.tau).toBeCloseTo(-0.03153167653875869, 14);
  });

  it("matches Sen's slope", () => {
    expect(
      theilSen(
        values.map((_, i) => i),
        values,
      ).slope,
    ).toBeCloseTo(-0.0064516129032258064, 15);
  });
});
