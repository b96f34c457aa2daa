// Thresholds judged on known totals: keys with tag filters, each statistic, and a metric that recorded nothing.

import { describe, expect, it } from 'vitest';
import { MetricSet } from '../../engine/metricSet.ts';
import { abortingFailures, judgeThresholds, parseMetricKey, thresholdProblems } from '../../engine/thresholds.ts';

function totals(): MetricSet {
  const set = new MetricSet();
  for (let i = 1; i <= 100; i++) set.add('trend', 'http_req_duration', i, { name: i <= 50 ? 'GET /a' : 'GET /b' });
  for (let i = 0; i < 200; i++) set.add('rate', 'http_req_failed', i < 3 ? 1 : 0, { name: 'GET /a' });
  set.add('counter', 'marketplace_oracle_mismatches', 2, { step: 'eligibility' });
  return set;
}

describe('thresholds', () => {
  it('reads metric keys with and without tag filters, and refuses malformed ones', () => {
    expect(parseMetricKey('http_req_duration')).toEqual({ name: 'http_req_duration', tags: {} });
    expect(parseMetricKey('checks{check:plans browsed (200),probe:auth}')).toEqual({ name: 'checks', tags: { check: 'plans browsed (200)', probe: 'auth' } });
    expect(parseMetricKey('9lives')).toBeUndefined();
    expect(thresholdProblems({ http_req_duration: [{ expression: 'p95 < 3' }], 'bad key{': [{ expression: 'count<1' }] })).toHaveLength(2);
  });

  it('judges percentiles, rates and counts on the aggregate or on a tagged series', () => {
    const results = judgeThresholds(totals(), {
      http_req_duration: [{ expression: 'p(95)<96' }, { expression: 'p(95)<95' }],
      'http_req_duration{name:GET /a}': [{ expression: 'max<=50' }],
      http_req_failed: [{ expression: 'rate<=0.015' }, { expression: 'rate<=0.01' }],
      marketplace_oracle_mismatches: [{ expression: 'count<=0' }],
    });
    // The 95th of 1..100 ms is 95 ms; the histogram reads it as its bucket's top, within 0.1 % (3 significant digits).
    expect(results[0]!.value).toBeGreaterThanOrEqual(95);
    expect(results[0]!.value).toBeLessThanOrEqual(95 * 1.001);
    expect(results.map((r) => [r.expression, r.ok, r.expression.startsWith('p(') ? 'p95' : r.value])).toEqual([
      ['p(95)<96', true, 'p95'],
      ['p(95)<95', false, 'p95'],
      ['max<=50', true, 50],
      ['rate<=0.015', true, 0.015],
      ['rate<=0.01', false, 0.015],
      ['count<=0', false, 2],
    ]);
  });

  it('a metric that recorded nothing holds an upper limit on its count or rate, and fails anything else', () => {
    const results = judgeThresholds(new MetricSet(), { journey_errors: [{ expression: 'count<=0' }], http_req_duration: [{ expression: 'p(95)<1000' }] });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });

  it('abort-on-fail thresholds are judged only after their delay', () => {
    const thresholds = {
      http_req_failed: [{ expression: 'rate<=0.01', abortOnFail: true, abortAfterSeconds: 10 }],
      http_req_duration: [{ expression: 'p(95)<1' }],
    };
    expect(abortingFailures(totals(), thresholds, 9)).toEqual([]);
    expect(abortingFailures(totals(), thresholds, 10).map((r) => r.metric)).toEqual(['http_req_failed']);
  });
});
