// From raw samples to series: a p95 per time window, and one load point per VU count held.

import { describe, expect, it } from 'vitest';
import { loadLevels, windowedPercentile } from '../../analysis/windows.ts';

describe('windowedPercentile', () => {
  it('one p95 per window, at the window middle, in seconds from the start', () => {
    const start = 1_000_000;
    // Window 0 (0–10 s): 1..20 → p95 = 19.05; window 1 (10–20 s): 101..120 → 119.05.
    const times = [...Array.from({ length: 20 }, (_, i) => start + i * 500), ...Array.from({ length: 20 }, (_, i) => start + 10_000 + i * 500)];
    const values = [...Array.from({ length: 20 }, (_, i) => i + 1), ...Array.from({ length: 20 }, (_, i) => 101 + i)];
    expect(windowedPercentile(times, values, { startMs: start, windowSeconds: 10, p: 0.95 })).toEqual([
      { t: 5, value: 19.05 },
      { t: 15, value: 119.05 },
    ]);
  });
  it('leaves out windows with too few samples', () => {
    expect(windowedPercentile([0, 1, 2, 20_000], [1, 2, 3, 4], { startMs: 0, windowSeconds: 10, p: 0.5, minSamples: 2 })).toEqual([{ t: 5, value: 2 }]);
  });
});

describe('loadLevels', () => {
  it('throughput and p95 per VU count from the VU gauge, completions and requests', () => {
    // 10 s at 2 VUs then 10 s at 4 VUs, one gauge sample a second; 20 requests/s then 30 requests/s.
    const vus = { time: Array.from({ length: 20 }, (_, i) => i * 1000), value: Array.from({ length: 20 }, (_, i) => (i < 10 ? 2 : 4)) };
    const times: number[] = [];
    const durations: number[] = [];
    for (let t = 0; t < 10_000; t += 50) {
      times.push(t);
      durations.push(5);
    }
    for (let k = 0; k < 300; k++) {
      times.push(10_000 + (k * 100) / 3);
      durations.push(k < 3 ? 5 : 9);
    }
    const levels = loadLevels({ vus, completions: times, requests: { time: times, duration: durations }, endMs: 20_000 });
    expect(levels.map((l) => l.concurrency)).toEqual([2, 4]);
    expect(levels[0]!.throughput).toBeCloseTo(20, 9);
    expect(levels[1]!.throughput).toBeCloseTo(30, 9);
    expect(levels[0]!.p95Ms).toBe(5);
    expect(levels[1]!.p95Ms).toBe(9);
    expect(levels[1]!.seconds).toBe(10);
  });

  it('drops levels held too briefly or with too few completions', () => {
    const vus = { time: [0, 1000, 2000, 3000], value: [1, 1, 8, 8] };
    const times = Array.from({ length: 100 }, (_, i) => i * 40);
    const levels = loadLevels({ vus, completions: times, requests: { time: times, duration: times.map(() => 1) }, endMs: 4000, minSeconds: 2 });
    expect(levels.map((l) => l.concurrency)).toEqual([1, 8]);
    expect(loadLevels({ vus, completions: times, requests: { time: times, duration: times.map(() => 1) }, endMs: 4000, minSeconds: 3 })).toEqual([]);
  });
});
