// The exchange metrics file a soak reads: both line shapes, times relative to the run's start, errors by line.

import { describe, expect, it } from 'vitest';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';

describe('parseMetricSeries', () => {
  const start = Date.parse('2026-11-23T08:00:00Z');
  it('reads named values and records of several numbers', () => {
    const text = [
      '{"time":"2026-11-23T08:01:00Z","name":"process_resident_memory_bytes","value":100}',
      `{"time":${start + 120_000},"rssBytes":110,"eventLoopLagSeconds":0.002,"host":"a"}`,
      '',
    ].join('\n');
    const series = parseMetricSeries(text, start);
    expect(series.get('process_resident_memory_bytes')).toEqual([{ t: 60, value: 100 }]);
    expect(series.get('rssBytes')).toEqual([{ t: 120, value: 110 }]);
    expect(series.get('eventLoopLagSeconds')).toEqual([{ t: 120, value: 0.002 }]);
    expect(series.has('host')).toBe(false);
  });
  it('names the line of each problem', () => {
    expect(() => parseMetricSeries('{"time":"x","a":1}', start)).toThrow(/line 1: "time" must be an ISO timestamp/);
    expect(() => parseMetricSeries('\n[1]', start)).toThrow(/line 2: expected a JSON object/);
    expect(() => parseMetricSeries('{"time":0,"name":"m","value":"high"}', start)).toThrow(MetricLineError);
    expect(() => parseMetricSeries('{oops', start)).toThrow(/line 1: not valid JSON/);
  });
});
