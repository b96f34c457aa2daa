// faster / same / slower: the decision rule with worked intervals, then whole comparisons of seeded runs.

import { describe, expect, it } from 'vitest';
import { compareMetric, compareRuns, decide, type MetricRuns } from '../../analysis/compare.ts';
import { mergeSamples, percentileSorted } from '../../analysis/distribution.ts';
import { latencies } from './fixtures/synthetic.ts';

const options = { minEffect: 0.1, bootstrap: { seed: 1, iterations: 300 } };

describe('decide', () => {
  it('latency: slower only when the interval excludes 1 and the ratio reaches 1 + minimum effect', () => {
    expect(decide('latency', { estimate: 1.2, low: 1.1, high: 1.3 }, 100, options)).toBe('slower');
    expect(decide('latency', { estimate: 1.05, low: 1.01, high: 1.09 }, 100, options)).toBe('same'); // real, too small
    expect(decide('latency', { estimate: 1.3, low: 0.95, high: 1.6 }, 100, options)).toBe('same'); // large, not real
    expect(decide('latency', { estimate: 0.8, low: 0.75, high: 0.85 }, 100, options)).toBe('faster');
    expect(decide('latency', { estimate: 0.95, low: 0.9, high: 0.99 }, 100, options)).toBe('same');
  });

  it('rate: the change must clear the larger of the absolute floor and minimum effect × baseline', () => {
    // Baseline 1 % errors: threshold max(0.001, 0.1 × 0.01) = 0.001; +0.5 point with the interval above 0 → slower.
    expect(decide('rate', { estimate: 0.005, low: 0.002, high: 0.008 }, 0.01, options)).toBe('slower');
    // Baseline 20 %: threshold 0.02, so +1 point is the same.
    expect(decide('rate', { estimate: 0.01, low: 0.005, high: 0.015 }, 0.2, options)).toBe('same');
    expect(decide('rate', { estimate: -0.03, low: -0.04, high: -0.02 }, 0.2, options)).toBe('faster');
  });
});

function latencyMetric(baselineMedians: number[], candidateMedians: number[], seed = 100, count = 2000): MetricRuns {
  return {
    key: 'http_req_duration p95',
    kind: 'latency',
    baseline: baselineMedians.map((m, i) => latencies(count, m, seed + i)),
    candidate: candidateMedians.map((m, i) => latencies(count, m, seed + 50 + i)),
  };
}

describe('compareMetric', () => {
  it('same build twice (runs differing only by chance): same', () => {
    const r = compareMetric(latencyMetric([100, 100, 100], [100, 100, 100]), options);
    expect(r.change).toBe('same');
    expect(r.low).toBeLessThan(1);
    expect(r.high).toBeGreaterThan(1);
  });

  it('candidate 40 % slower: slower, with the p95 ratio near 1.4 and Mann–Whitney agreeing', () => {
    const r = compareMetric(latencyMetric([100, 100, 100], [140, 140, 140]), options);
    expect(r.change).toBe('slower');
    expect(r.effect).toBeGreaterThan(1.3);
    expect(r.effect).toBeLessThan(1.55);
    expect(r.candidate / r.baseline).toBeCloseTo(r.effect, 12); // the estimate is the ratio of the pooled p95s
    expect(r.pValue).toBeLessThan(1e-6);
  });

  it('pools the samples of all runs: the baseline p95 is the p95 of every sample, not a mean of per-run p95s', () => {
    const metric = latencyMetric([50, 200], [50, 200]);
    const r = compareMetric(metric, options);
    const pooled = percentileSorted(mergeSamples(metric.baseline), 0.95);
    const perRunMean = (percentileSorted(mergeSamples([metric.baseline[0]!]), 0.95) + percentileSorted(mergeSamples([metric.baseline[1]!]), 0.95)) / 2;
    expect(r.baseline).toBe(pooled);
    expect(Math.abs(pooled - perRunMean) / pooled).toBeGreaterThan(0.1);
  });

  it('error rates: shares of 1s compared as differences', () => {
    const rate = (share: number, count: number, offset: number): Float64Array =>
      Float64Array.from({ length: count }, (_, i) => ((i + offset) % Math.round(1 / share) === 0 ? 1 : 0));
    const r = compareMetric(
      {
        key: 'http_req_failed rate',
        kind: 'rate',
        baseline: [rate(0.01, 5000, 0), rate(0.01, 5000, 3)],
        candidate: [rate(0.05, 5000, 0), rate(0.05, 5000, 7)],
      },
      options,
    );
    expect(r.baseline).toBeCloseTo(0.01, 3);
    expect(r.candidate).toBeCloseTo(0.05, 3);
    expect(r.effect).toBeCloseTo(0.04, 3);
    expect(r.change).toBe('slower');
  });

  it('too few samples for a p95 (fewer than 10 beyond it, 200 on a side): same, with a note', () => {
    const r = compareMetric(latencyMetric([100], [500], 1, 199), options);
    expect(r.change).toBe('same');
    expect(r.note).toMatch(/fewer than 200 samples/);
    expect(compareMetric(latencyMetric([100], [500], 1, 200), options).change).toBe('slower');
    expect(compareMetric(latencyMetric([100], [500], 1, 50), { ...options, percentile: 0.5 }).change).toBe('slower');
  });
});

describe('compareRuns', () => {
  it('slower when any metric is slower, faster when some are faster and none slower', () => {
    const same = latencyMetric([100, 100], [100, 100], 300);
    const slower = { ...latencyMetric([100, 100], [150, 150], 400), key: 'journey duration p95' };
    const faster = { ...latencyMetric([100, 100], [60, 60], 500), key: 'http_req_duration p95 {GET /plans}' };
    expect(compareRuns([same, slower, faster], options).verdict).toBe('slower');
    expect(compareRuns([same, faster], options).verdict).toBe('faster');
    expect(compareRuns([same], options).verdict).toBe('same');
  });
});
