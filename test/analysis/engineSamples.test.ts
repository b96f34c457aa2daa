// The engine's per-second rows read as the analyses' samples: every request, failure, journey and wait once, at
// its second, with its value to HDR precision; the users gauge one point a second, summed over workers.

import { describe, expect, it } from 'vitest';
import * as hdr from 'hdr-histogram-js';
import { histogramValues, samplesFromRows } from '../../analysis/engineSamples.ts';
import { ENGINE_METRICS as M } from '../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../engine/metricSet.ts';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';

function row(second: number, fill: (set: MetricSet) => void) {
  const set = new MetricSet();
  fill(set);
  return { second, series: set.snapshot() };
}

describe('samplesFromRows', () => {
  it('expands each second into its samples', () => {
    const rows = [
      row(1000, (s) => {
        for (const ms of [1.5, 2.5, 2.5, 40]) s.add('trend', M.requestDuration, ms, { name: 'GET /a' });
        s.add('trend', M.requestDuration, 7, { name: 'POST /b' });
        for (const failed of [0, 0, 1, 0, 1]) s.add('rate', M.requestFailed, failed, { name: 'GET /a' });
        s.add('counter', METRIC_NAMES.journeysStarted, 3, { journey: 'browse' });
        s.add('trend', M.journeyDuration, 1200);
        s.add('trend', METRIC_NAMES.waitingRoomWait, 250);
        s.add('gauge', M.activeUsers, 12);
      }),
      row(1001, (s) => {
        s.add('trend', M.requestDuration, 3, { name: 'GET /a' });
        s.add('gauge', M.activeUsers, 8);
      }),
    ];
    const samples = samplesFromRows(rows);
    expect(samples.names).toEqual(['GET /a', 'POST /b']);
    expect(samples.requests.time).toEqual([1_000_500, 1_000_500, 1_000_500, 1_000_500, 1_000_500, 1_001_500]);
    const durations = samples.requests.duration;
    [1.5, 2.5, 2.5, 40, 7, 3].forEach((ms, i) => expect(Math.abs(durations[i]! - ms) / ms).toBeLessThan(0.001));
    expect(samples.requests.name).toEqual([0, 0, 0, 0, 1, 0]);
    expect(samples.failures.failed.reduce((a, b) => a + b, 0)).toBe(2);
    expect(samples.failures.failed).toHaveLength(5);
    expect(samples.journeysStarted).toEqual([1_000_500, 1_000_500, 1_000_500]);
    expect(samples.iterations).toEqual([1_000_500]);
    expect(samples.waitingRoom.wait[0]).toBeCloseTo(250, 0);
    expect(samples.vus).toEqual({ time: [1_000_500, 1_001_500], value: [12, 8] });
    expect(samples.start).toBe(1_000_500);
    expect(samples.end).toBe(1_001_500);
  });
});

describe('histogramValues', () => {
  it("gives each recorded bucket's value and count as the library's recordedValuesIterator does, never above the max", () => {
    const set = new MetricSet();
    for (let i = 0; i < 500; i++) set.add('trend', M.requestDuration, ((i * 7919) % 10_007) / 3 + 0.001 * i);
    set.add('trend', M.requestDuration, 0);
    set.add('trend', M.requestDuration, 61_000);
    const [snapshot] = set.snapshot();
    const walked: [number, number][] = [];
    histogramValues(snapshot!, (ms, n) => walked.push([ms, n]));
    const iterated: [number, number][] = [];
    const histogram = hdr.decodeFromCompressedBase64(snapshot!.histogram!, 32, false) as hdr.JsHistogram;
    const values = histogram.recordedValuesIterator;
    values.reset();
    while (values.hasNext()) {
      const step = values.next();
      iterated.push([Math.min(step.valueIteratedTo / 1000, snapshot!.max), step.countAtValueIteratedTo]);
    }
    expect(walked).toEqual(iterated);
    expect(walked.reduce((n, [, c]) => n + c, 0)).toBe(502);
    expect(walked.at(-1)![0]).toBe(61_000);
  });
});
