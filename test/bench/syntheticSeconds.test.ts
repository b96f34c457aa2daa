// The synthetic run the analysis benchmark and command tests read is what it says: read back through the engine's
// seam, it holds the requests, users, journeys and latencies it was asked for, a row a second.

import { describe, expect, it } from 'vitest';
import { syntheticSecondRows } from '../../bench/syntheticSeconds.ts';
import { samplesFromRows } from '../../analysis/engineSamples.ts';
import { percentileSorted } from '../../analysis/distribution.ts';

describe('syntheticSecondRows', () => {
  it('holds the asked requests a second, users, a journey every six requests and the median latency', () => {
    const rows = [
      ...syntheticSecondRows({
        startMs: Date.parse('2026-11-01T00:00:00Z'),
        seconds: 20,
        vus: (t) => (t < 10 ? 4 : 8),
        requestsPerSecond: (t) => (t < 10 ? 30 : 60),
        medianMs: () => 50,
      }),
    ];
    expect(rows.map((r) => r.second)).toEqual(Array.from({ length: 20 }, (_, t) => Date.parse('2026-11-01T00:00:00Z') / 1000 + t));
    const samples = samplesFromRows(rows);
    expect(samples.requests.time).toHaveLength(10 * 30 + 10 * 60);
    expect(samples.requests.time.filter((t) => t < samples.start + 10_000)).toHaveLength(300);
    expect(samples.vus.value).toEqual([...Array<number>(10).fill(4), ...Array<number>(10).fill(8)]);
    expect(samples.iterations).toHaveLength(900 / 6);
    expect(samples.journeysStarted).toHaveLength(900 / 6);
    expect(samples.names).toHaveLength(6);
    expect(samples.failures.failed.every((f) => f === 0)).toBe(true);
    const median = percentileSorted(
      [...samples.requests.duration].sort((a, b) => a - b),
      0.5,
    );
    expect(median).toBeGreaterThan(45);
    expect(median).toBeLessThan(55);
  });

  it('fails the share of requests it is asked to', () => {
    const samples = samplesFromRows(
      syntheticSecondRows({ startMs: 0, seconds: 10, vus: () => 1, requestsPerSecond: () => 200, medianMs: () => 5, failureRate: 0.25, seed: 3 }),
    );
    const share = samples.failures.failed.reduce((a, b) => a + b, 0) / samples.failures.failed.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });
});
