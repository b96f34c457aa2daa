// A split test's summary: k6's shape, counts summed, trends from the merged histograms, thresholds judged again on
// the aggregate (an instance's own verdict on its share does not decide), and the split test's exit code.

import { describe, expect, it } from 'vitest';
import { aggregateExitCode, aggregateSummaries, trendKeysOf, type InstanceSummary } from '../../analysis/aggregateSummary.ts';
import { parseK6Threshold, thresholdHolds } from '../../analysis/k6Threshold.ts';
import { parseMetricKey, tagsMatch } from '../../analysis/k6MetricKey.ts';
import { trendOf, trendStat } from '../../analysis/trendHistogram.ts';

function instance(failed: { passes: number; fails: number }, iterations: number, p95: number, durationMs: number): InstanceSummary {
  return {
    state: { testRunDurationMs: durationMs },
    metrics: {
      iterations: { type: 'counter', values: { count: iterations, rate: iterations / (durationMs / 1000) } },
      http_req_failed: { type: 'rate', values: { rate: failed.passes / (failed.passes + failed.fails), ...failed }, thresholds: { 'rate<=0.01': { ok: failed.passes / (failed.passes + failed.fails) <= 0.01 } } },
      http_req_duration: { type: 'trend', values: { 'p(95)': p95, count: 0 }, thresholds: { 'p(95)<100': { ok: p95 < 100 }, 'p(99)<300': { ok: true } } },
      vus: { type: 'gauge', values: { value: 1, min: 0, max: 5 } },
    },
    root_group: { name: '', path: '', groups: [], checks: [{ name: 'ok', path: '::ok', passes: iterations, fails: 1 }] },
  };
}

describe('aggregateSummaries', () => {
  // Instance 0: 2 % of its requests failed (its own threshold crossed); instance 1: none. Together 0.5 %: ok.
  const a = instance({ passes: 20, fails: 980 }, 100, 50, 10_000);
  const b = instance({ passes: 0, fails: 3000 }, 300, 90, 12_000);
  const durations = trendOf([...Array(940).fill(10), ...Array(60).fill(250)]);
  const summary = aggregateSummaries([a, b], new Map([['http_req_duration', durations]]));

  it('sums counts, pools rates, sums gauges; the rate of a counter is over the longest instance', () => {
    expect(summary.metrics.iterations!.values).toEqual({ count: 400, rate: 400 / 12 });
    expect(summary.metrics.http_req_failed!.values).toEqual({ rate: 20 / 4000, passes: 20, fails: 3980 });
    expect(summary.metrics.vus!.values).toEqual({ value: 2, min: 0, max: 10 });
    expect(summary.state?.testRunDurationMs).toBe(12_000);
    expect(summary.root_group?.checks).toEqual([{ name: 'ok', path: '::ok', passes: 400, fails: 2 }]);
    expect(summary.aggregate.instances).toBe(2);
  });

  it("trends come from the merged histogram, not from the instances' figures", () => {
    expect(summary.metrics.http_req_duration!.values['p(95)']).toBe(trendStat(durations, 'p(95)'));
    expect(summary.metrics.http_req_duration!.values.count).toBe(1000);
  });

  it('thresholds are judged on the aggregate: each instance passed p(95)<100, the merged p95 does not', () => {
    expect(a.metrics.http_req_duration!.thresholds!['p(95)<100']!.ok && b.metrics.http_req_duration!.thresholds!['p(95)<100']!.ok).toBe(true);
    expect(summary.metrics.http_req_duration!.thresholds).toEqual({ 'p(95)<100': { ok: false }, 'p(99)<300': { ok: true } });
    // …and instance 0 crossed rate<=0.01 on its own share, the aggregate holds it.
    expect(summary.metrics.http_req_failed!.thresholds).toEqual({ 'rate<=0.01': { ok: true } });
    expect(trendKeysOf([a, b])).toEqual(['http_req_duration']);
  });

  it("the split test's exit code: an instance's own failure first, then the aggregate's thresholds", () => {
    expect(aggregateExitCode([99, 0], summary)).toBe(99); // p(95)<100 crossed on the aggregate
    const healthy = aggregateSummaries([a, b], new Map([['http_req_duration', trendOf(Array(100).fill(10))]]));
    expect(aggregateExitCode([99, 0], healthy)).toBe(0); // instance 0's 99 was its share alone
    expect(aggregateExitCode([0, 107], healthy)).toBe(107);
    expect(aggregateExitCode([0, 99], undefined)).toBe(99);
    expect(() => aggregateSummaries([], new Map())).toThrow(RangeError);
  });
});

describe('k6 thresholds and metric keys', () => {
  it('parses and judges the expressions k6 takes; an unknown one never holds', () => {
    expect(parseK6Threshold('p(99.9) <= 2500')).toEqual({ stat: 'p(99.9)', operator: '<=', limit: 2500 });
    expect([thresholdHolds('rate<=0.01', 0.01), thresholdHolds('count<5', 5), thresholdHolds('avg>1', 2), thresholdHolds('value==3', 3), thresholdHolds('max!=3', 3)]).toEqual([true, false, true, true, false]);
    expect(thresholdHolds('p95 < 10', 1)).toBe(false);
    expect(thresholdHolds('p(95)<10', undefined)).toBe(false);
  });

  it('reads sub-metric keys and matches sample tags', () => {
    const key = parseMetricKey('http_req_duration{expected_response:true,name:GET /x}');
    expect(key).toEqual({ metric: 'http_req_duration', tags: { expected_response: 'true', name: 'GET /x' } });
    expect(tagsMatch(key, { expected_response: 'true', name: 'GET /x', status: '200' })).toBe(true);
    expect(tagsMatch(key, { expected_response: 'false', name: 'GET /x' })).toBe(false);
    expect(tagsMatch(parseMetricKey('iterations'), null)).toBe(true);
  });
});
