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

  it('merging a set directly gives what merging its snapshot gives, for every kind and both gauge merges', () => {
    const second = (k: number): MetricSet => {
      const set = new MetricSet();
      for (let i = 0; i < 50 + k; i++) set.add('trend', 'http_req_duration', (i * 7.3 + k) % 400, { name: 'GET /x' });
      set.add('counter', 'http_reqs', 3 + k, { name: 'GET /x', status: '200' });
      set.add('rate', 'checks', k % 2, { check: 'a' });
      set.add('gauge', 'active_users', 10 + k);
      // Recorded, then reset: an empty series a snapshot leaves out.
      set.series('counter', 'dropped').record(1);
      set.series('counter', 'dropped').reset();
      return set;
    };
    for (const gauges of ['add', 'replace'] as const) {
      const viaSnapshots = new MetricSet();
      const direct = new MetricSet();
      for (const k of [1, 2, 3]) {
        viaSnapshots.merge(second(k).snapshot(), gauges);
        direct.mergeSet(second(k), gauges);
      }
      // The same counts in every bucket; an encoded histogram's header may record another capacity (highest trackable
      // value), which no reader uses.
      const percentiles = Array.from({ length: 201 }, (_, i) => `p(${i / 2})`);
      const figures = (set: MetricSet) =>
        set
          .all()
          .map(({ name, kind, tags, count, sum, min, max }) => ({
            name,
            kind,
            tags,
            count,
            sum,
            min,
            max,
            stats: ['count', 'min', 'max', 'avg', 'rate', 'value', ...percentiles].map((stat) => set.aggregate(name, tags)!.stat(stat)),
          }))
          .sort((a, b) => `${a.name}${JSON.stringify(a.tags)}`.localeCompare(`${b.name}${JSON.stringify(b.tags)}`));
      expect(figures(direct)).toEqual(figures(viaSnapshots));
      expect(direct.all().map((s) => s.name)).not.toContain('dropped');
      expect(direct.aggregate('active_users')!.stat('value')).toBe(gauges === 'add' ? 11 + 12 + 13 : 13);
    }
  });
});
