// The seeded hierarchical bootstrap: reproducible, its quantile is type 7 (R's default), its interval covers a known
// ratio, and it widens when runs differ from each other (what a pooled bootstrap would hide).

import { describe, expect, it } from 'vitest';
import { bootstrapContrast, meanStatistic, quantileStatistic, seededRandom } from '../../analysis/bootstrap.ts';
import { percentileSorted } from '../../analysis/distribution.ts';
import { latencies } from './fixtures/synthetic.ts';

const ratio = (c: number, b: number): number => c / b;

describe('seededRandom', () => {
  it('repeats from the same seed and stays in [0, 1)', () => {
    const a = seededRandom(42),
      b = seededRandom(42),
      c = seededRandom(43);
    const first = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(1);
  });
});

describe('quantileStatistic', () => {
  it('equals the sorted type-7 percentile, e.g. p95 of 1..10 = 9.55', () => {
    expect(quantileStatistic(0.95)(Float64Array.from([7, 1, 10, 3, 5, 2, 9, 4, 8, 6]))).toBeCloseTo(9.55, 12);
    const sample = latencies(2001, 100, 7);
    for (const p of [0, 0.5, 0.9, 0.95, 0.99, 1]) {
      expect(quantileStatistic(p)(Float64Array.from(sample))).toBe(percentileSorted(Float64Array.from(sample).sort(), p));
    }
  });
  it('mean of 1, 2, 3, 6 is 3', () => {
    expect(meanStatistic(Float64Array.from([1, 2, 3, 6]))).toBe(3);
  });
});

describe('bootstrapContrast', () => {
  const baseline = [1, 2, 3].map((seed) => latencies(3000, 100, seed));
  const slower = [4, 5, 6].map((seed) => latencies(3000, 100, seed).map((v) => v * 1.5));

  it('covers a known ratio of p95s and gives the same interval for the same seed', () => {
    const a = bootstrapContrast(baseline, slower, quantileStatistic(0.95), ratio, { seed: 9, iterations: 400 });
    const b = bootstrapContrast(baseline, slower, quantileStatistic(0.95), ratio, { seed: 9, iterations: 400 });
    expect(a).toEqual(b);
    expect(a.low).toBeLessThan(1.5);
    expect(a.high).toBeGreaterThan(1.5);
    expect(a.low).toBeGreaterThan(1.3);
    expect(a.estimate).toBeCloseTo(1.5, 1);
  });

  it('is wider when the runs of a side differ from each other than when the same samples sit in one run', () => {
    const levels = [80, 100, 125];
    const spread = levels.map((median, i) => latencies(3000, median, 10 + i));
    const candidate = levels.map((median, i) => latencies(3000, median, 20 + i));
    const hierarchical = bootstrapContrast(spread, candidate, quantileStatistic(0.95), ratio, { seed: 1, iterations: 400 });
    const pooledAsOne = bootstrapContrast(
      [Float64Array.from(spread.flatMap((r) => [...r]))],
      [Float64Array.from(candidate.flatMap((r) => [...r]))],
      quantileStatistic(0.95),
      ratio,
      { seed: 1, iterations: 400 },
    );
    expect(hierarchical.high - hierarchical.low).toBeGreaterThan(2 * (pooledAsOne.high - pooledAsOne.low));
  });

  it('refuses a side with an empty run', () => {
    expect(() => bootstrapContrast([new Float64Array(0)], slower, meanStatistic, ratio)).toThrow(/every baseline run needs samples/);
  });
});
