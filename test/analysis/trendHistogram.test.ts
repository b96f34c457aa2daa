// Merged distributions: the p95 of several load generators from their merged histograms matches the p95 of all
// their samples pooled, and on a skewed split (one instance slow) the average of their p95s is far from it.

import { describe, expect, it } from 'vitest';
import { mergeSamples, percentileSorted } from '../../analysis/distribution.ts';
import { emptyTrend, mergeTrends, trendOf, trendStat } from '../../analysis/trendHistogram.ts';
import { latencies } from './fixtures/synthetic.ts';

describe('merged trend histograms', () => {
  // Three instances: two on fast paths (median 20 ms), one whose share of the load hit a slow path (median 400 ms)
  // and so sent far fewer requests. Skewed, as when one load generator is starved of CPU or sits on a far network.
  const fast1 = latencies(4000, 20, 1);
  const fast2 = latencies(4000, 20, 2);
  const slow = latencies(200, 400, 3);
  const parts = [fast1, fast2, slow];
  const merged = mergeTrends(parts.map((p) => trendOf(Array.from(p))));
  const pooledP95 = percentileSorted(mergeSamples(parts), 0.95);

  it('the merged p95 is the p95 of every sample pooled, within the histogram precision (0.1 %)', () => {
    expect(merged.count).toBe(8200);
    expect(Math.abs(trendStat(merged, 'p(95)')! - pooledP95) / pooledP95).toBeLessThan(0.002);
    expect(trendStat(merged, 'max')).toBe(Math.max(...parts.map((p) => Math.max(...p))));
    expect(trendStat(merged, 'avg')).toBeCloseTo(parts.reduce((s, p) => s + p.reduce((a, b) => a + b, 0), 0) / 8200, 9);
  });

  it("averaging the instances' p95s would give another number: more than twice the true p95 here", () => {
    const instanceP95s = parts.map((p) => percentileSorted(Float64Array.from(p).sort(), 0.95));
    const averaged = instanceP95s.reduce((a, b) => a + b, 0) / instanceP95s.length;
    // The slow instance's p95 (≈ 900 ms) drags the mean of p95s up; pooled, its 200 requests are 2.4 % of the load.
    expect(averaged / pooledP95).toBeGreaterThan(2);
    expect(Math.abs(trendStat(merged, 'p(95)')! - averaged) / averaged).toBeGreaterThan(0.5);
  });

  it('the summary statistics by name; none for an unknown statistic or an empty trend; negative samples refused', () => {
    const trend = trendOf([1, 2, 3, 4, 5]);
    expect([trendStat(trend, 'min'), trendStat(trend, 'max'), trendStat(trend, 'count'), trendStat(trend, 'avg')]).toEqual([1, 5, 5, 3]);
    // A histogram's percentile is its bucket's top: within 0.1 % at 3 significant digits.
    expect(trendStat(trend, 'med')).toBeGreaterThanOrEqual(3);
    expect(trendStat(trend, 'med')).toBeLessThanOrEqual(3.003);
    expect(trendStat(trend, 'p(99.9)')).toBe(5);
    expect(trendStat(trend, 'mode')).toBeUndefined();
    expect(trendStat(emptyTrend(), 'p(95)')).toBeUndefined();
    expect(trendStat(emptyTrend(), 'count')).toBe(0);
    expect(() => trendOf([-1])).toThrow(RangeError);
  });
});
