// Measurements that merge losslessly: the percentile of merged snapshots is the percentile of all samples pooled,
// where the average of the parts' percentiles is not; gauges add across parts and follow time within one.

import { describe, expect, it } from 'vitest';
import { MetricSet } from '../../engine/metricSet.ts';

describe('MetricSet', () => {
  it('merged histograms give the pooled p95, not the mean of the parts', () => {
    const fast = new MetricSet();
    const slow = new MetricSet();
    for (let i = 0; i < 900; i++) fast.add('trend', 'd', 10);
    for (let i = 0; i < 100; i++) slow.add('trend', 'd', 1000);
    const merged = new MetricSet();
    merged.merge(fast.snapshot());
    merged.merge(slow.snapshot());
    const d = merged.aggregate('d')!;
    // 90 % of samples are 10 ms: the pooled p95 is 1000 ms (within HDR precision), the parts' mean p95 would be 505.
    expect(d.stat('p(95)')).toBeCloseTo(1000, 0);
    expect(d.stat('p(90)')).toBeCloseTo(10, 1);
    expect(d.stat('count')).toBe(1000);
    expect(d.stat('avg')).toBeCloseTo(109, 9);
  });

  it('counters and rates add; a window reset keeps the series objects', () => {
    const set = new MetricSet();
    const requests = set.series('counter', 'http_reqs', { status: '200' });
    requests.record(1);
    requests.record(1);
    set.add('rate', 'checks', 1, { check: 'a' });
    set.add('rate', 'checks', 0, { check: 'a' });
    const first = set.snapshot();
    set.reset();
    expect(set.snapshot().filter((s) => s.kind !== 'gauge')).toEqual([]);
    requests.record(1);
    const total = new MetricSet();
    total.merge(first);
    total.merge(set.snapshot());
    expect(total.aggregate('http_reqs')!.stat('count')).toBe(3);
    expect(total.aggregate('checks')!.stat('rate')).toBe(0.5);
  });

  it('gauges add across workers at one moment and are replaced from one moment to the next', () => {
    const worker = (value: number): MetricSet => {
      const set = new MetricSet();
      set.add('gauge', 'active_users', value);
      return set;
    };
    const second = new MetricSet();
    second.merge(worker(30).snapshot(), 'add');
    second.merge(worker(12).snapshot(), 'add');
    expect(second.aggregate('active_users')!.stat('value')).toBe(42);
    expect(second.aggregate('active_users')!.stat('max')).toBe(42);
    const totals = new MetricSet();
    totals.merge(second.snapshot(), 'replace');
    totals.merge(worker(5).snapshot(), 'replace');
    expect(totals.aggregate('active_users')!.stat('value')).toBe(5);
    // The peak over the test is the highest moment's sum over the workers, not one worker's highest.
    expect(totals.aggregate('active_users')!.stat('max')).toBe(42);
  });
});
