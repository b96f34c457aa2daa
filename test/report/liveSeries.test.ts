// The live page's store: one point a second from the engine's rows, bounded however long the run (halved into
// min/max pairs when full, so a spike stays), with totals that stay exact; and its charts under the report's ids.

import { describe, expect, it } from 'vitest';
import { ENGINE_METRICS as M } from '../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../engine/metricSet.ts';
import { liveCharts } from '../../report/liveCharts.ts';
import { histogramValues } from '../../analysis/engineSamples.ts';
import { LiveSeries, livePointOf, percentileOf, type LivePoint } from '../../report/liveSeries.ts';
import { LiveWaiting } from '../../report/liveWaiting.ts';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';

function row(second: number, fill: (set: MetricSet) => void) {
  const set = new MetricSet();
  fill(set);
  return { second, series: set.snapshot() };
}

const point = (second: number, requests: number, p95: number): LivePoint => ({
  second,
  started: 1,
  completed: 1,
  requests,
  failed: requests % 2,
  p50: p95 / 2,
  p95,
  p99: p95 * 2,
  users: 5,
  waitP50: null,
  waitP95: null,
  waitMax: null,
  waits: [],
});

describe('livePointOf', () => {
  it('reads one second: counts, latency percentiles over every route, the users gauge summed, waits in seconds', () => {
    const p = livePointOf(
      row(1000, (s) => {
        for (let i = 1; i <= 100; i++) s.add('trend', M.requestDuration, i, { name: i % 2 ? 'GET /a' : 'POST /b' });
        s.add('counter', M.requests, 60, { name: 'GET /a', status: '200' });
        s.add('counter', M.requests, 40, { name: 'POST /b', status: '200' });
        for (const failed of [0, 1, 1, 0]) s.add('rate', M.requestFailed, failed, { name: 'GET /a' });
        s.add('counter', METRIC_NAMES.journeysStarted, 3, { journey: 'browse' });
        s.add('trend', M.journeyDuration, 1200);
        s.add('trend', M.journeyDuration, 1300);
        s.add('trend', METRIC_NAMES.waitingRoomWait, 2500);
        s.add('gauge', M.activeUsers, 12, { worker: '0' });
        s.add('gauge', M.activeUsers, 8, { worker: '1' });
      }),
    );
    expect(p).toMatchObject({ second: 1000, started: 3, completed: 2, requests: 100, failed: 2, users: 20 });
    expect(p.p50).toBeCloseTo(50, 0);
    expect(p.p95).toBeCloseTo(95, 0);
    expect(p.p99).toBeCloseTo(99, 0);
    expect(p.waitP95).toBeCloseTo(2.5, 2);
    expect(p.waits).toHaveLength(1);
    expect(p.waits[0]![0]).toBeCloseTo(2500, -1);
    expect(p.waits[0]![1]).toBe(1);
  });

  it('leaves what the second did not measure empty, not zero', () => {
    const p = livePointOf(row(7, (s) => s.add('counter', METRIC_NAMES.journeysStarted, 1)));
    expect(p).toMatchObject({ requests: 0, p50: null, p95: null, users: null, waitP50: null, waitP95: null, waitMax: null, waits: [] });
  });
});

describe('LiveSeries', () => {
  it('keeps every second while it has room, x at the middle of each second since the first', () => {
    const store = new LiveSeries(100);
    for (let s = 0; s < 10; s++) store.push(point(5000 + s, s, 10));
    expect(store.x).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    expect(store.column('requests')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stays within its capacity over a long run, keeps a one-second spike, and keeps the totals exact', () => {
    const store = new LiveSeries(600);
    const seconds = 8 * 3600;
    let requests = 0;
    for (let s = 0; s < seconds; s++) {
      const r = 100 + (s % 10);
      requests += r;
      store.push(point(s, r, s === 12_345 ? 9000 : 20 + (s % 5)));
      expect(store.length).toBeLessThan(600);
    }
    expect(store.length).toBeGreaterThan(100);
    expect(Math.max(...(store.column('p95') as number[]))).toBe(9000);
    expect(Math.min(...(store.column('p95') as number[]))).toBe(20);
    expect(store.totals).toEqual({ seconds, requests, failed: seconds / 2, started: seconds, completed: seconds });
    const x = store.x;
    for (let i = 1; i < x.length; i++) expect(x[i]!).toBeGreaterThanOrEqual(x[i - 1]!);
    expect(x[x.length - 1]).toBe(seconds - 0.5);
  });

  it('refuses a capacity too small to halve', () => {
    expect(() => new LiveSeries(2)).toThrow(/room for at least 4 points/);
  });
});

describe('liveCharts', () => {
  it('draws the report charts under their ids, absent until a series has data, with the planned line when the plan is known', () => {
    const store = new LiveSeries();
    const before = liveCharts(store, undefined);
    expect(before.map((c) => c.id)).toEqual(['arrival', 'throughput', 'latency', 'errors', 'vus', 'waiting-length', 'waiting-wait']);
    expect(before.every((c) => c.kind === 'absent')).toBe(true);
    for (let s = 0; s < 5; s++) store.push(point(s, 10 * s, 30));
    const charts = liveCharts(store, { executor: 'constant-arrival-rate', rate: 4, seconds: 60, maxInFlight: 10 });
    const arrival = charts.find((c) => c.id === 'arrival');
    expect(arrival?.kind).toBe('chart');
    if (arrival?.kind !== 'chart') return;
    expect(arrival.series.map((s) => s.label)).toEqual(['started/s', 'completed/s', 'planned arrivals/s']);
    expect(arrival.series[2]!.values).toEqual([4, 4, 4, 4, 4]);
    const throughput = charts.find((c) => c.id === 'throughput');
    expect(throughput?.kind === 'chart' && throughput.series[0]!.values).toEqual([0, 10, 20, 30, 40]);
    expect(charts.find((c) => c.id === 'waiting-wait')?.kind).toBe('absent');
  });
});

describe('LiveWaiting', () => {
  it('counts the consumers waiting each second from the waits that ended, as the report counts wait intervals', () => {
    // Waits ending in second 4 (4 s: seconds 0–4) and second 3 (1 s: seconds 2–3), an instant one in second 5.
    const waiting = new LiveWaiting(100, 10);
    waiting.push(0, []);
    waiting.push(3, [[1000, 1]]);
    waiting.push(4, [[4000, 1]]);
    waiting.push(5, [[0, 1]]);
    waiting.push(6, []);
    expect(waiting.series()).toEqual({ x: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5], values: [1, 1, 2, 2, 1, 1, 0] });
  });

  it('keeps only its horizon open, the older seconds final in a bounded store, and reaches back no further than the horizon', () => {
    const waiting = new LiveWaiting(40, 10);
    for (let s = 0; s < 1000; s++) waiting.push(s, s === 500 ? [[60_000, 3]] : []);
    const { x, values } = waiting.series();
    expect(x.length).toBeLessThan(40 + 10);
    expect(x.at(-1)).toBe(999.5);
    // A 60 s wait ending at 500 counts from 490 on (the horizon): three consumers, for those seconds only.
    expect(Math.max(...values)).toBe(3);
  });

  it('draws nothing when no consumer ever waited', () => {
    const waiting = new LiveWaiting(40);
    for (let s = 0; s < 5; s++) waiting.push(s, []);
    expect(waiting.series()).toEqual({ x: [], values: [] });
  });
});

describe('percentileOf', () => {
  it('gives what HdrHistogram gives for the same samples, over several tag sets', () => {
    const set = new MetricSet();
    const random = (k: number): number => ((k * 7919) % 1000) / 3 + 0.5;
    for (let i = 0; i < 997; i++) set.add('trend', M.requestDuration, random(i), { name: i % 3 ? 'GET /a' : 'POST /b' });
    const series = set.snapshot();
    const values: [number, number][] = [];
    let max = 0;
    for (const s of series) {
      histogramValues(s, (ms, n) => values.push([ms, n]));
      max = Math.max(max, s.max);
    }
    values.sort((a, b) => a[0] - b[0]);
    const merged = set.aggregate(M.requestDuration)!;
    for (const p of [0.1, 50, 90, 95, 99, 99.9, 100]) expect(percentileOf({ values, count: 997, max }, p), `p${p}`).toBe(merged.stat(`p(${p})`));
    expect(percentileOf(undefined, 50)).toBeNull();
  });
});
