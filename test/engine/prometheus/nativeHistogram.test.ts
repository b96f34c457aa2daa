// The HdrHistogram → native histogram conversion against worked values: which bucket 1 ms, 10 ms, 100 ms and a
// bucket's exact bound land in at schema 3, spans and deltas of known counts, exact counts and sums.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trendOf } from '../../../analysis/trendHistogram.ts';
import { bucketIndex, bucketUpperBound, nativeHistogramOf, spansAndDeltas, ZERO_THRESHOLD } from '../../../engine/prometheus/nativeHistogram.ts';

/** The native histogram of trend samples (ms), as the pusher makes it. */
const nativeOf = (samplesMs: number[]) => {
  const trend = trendOf(samplesMs);
  return nativeHistogramOf(trend.histogram, trend.sum / 1000);
};

/** Bucket index → count, from spans and deltas: what Prometheus reads back. */
function bucketCounts(spans: { offset: number; length: number }[], deltas: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  let index = 0;
  let count = 0;
  let d = 0;
  spans.forEach((span, s) => {
    index = s === 0 ? span.offset : index + 1 + span.offset;
    for (let i = 0; i < span.length; i++, d++) {
      if (i > 0) index += 1;
      count += deltas[d]!;
      counts.set(index, count);
    }
  });
  expect(d).toBe(deltas.length);
  return counts;
}

describe('bucketIndex at schema 3 (bucket i covers (2^((i−1)/8), 2^(i/8)] seconds)', () => {
  it.each([
    // value (s), its bucket (log2(value) × 8 rounded up), the bucket's lower and upper bound
    [0.001, -79, 0.000976563, 0.001064949],
    [0.01, -53, 0.009290681, 0.010131559],
    [0.02, -45, 0.018581361, 0.020263118],
    [0.1, -26, 0.096388177, 0.105112052],
    [1, 0, 0.917004043, 1],
    [60, 48, 58.688258765, 64],
  ])('%f s lands in bucket %i', (value, index, lower, upper) => {
    expect(bucketIndex(value)).toBe(index);
    expect(bucketUpperBound(index - 1)).toBeCloseTo(lower, 8);
    expect(bucketUpperBound(index)).toBeCloseTo(upper, 8);
    expect(lower < value && value <= upper).toBe(true);
  });

  it('puts a value exactly on a bound in the bucket it closes (upper bounds are inclusive)', () => {
    for (const [value, index] of [
      [0.125, -24],
      [0.5, -8],
      [1, 0],
      [2, 8],
      [0.015625, -48],
    ] as const) {
      expect(bucketIndex(value)).toBe(index);
      expect(bucketIndex(value * (1 + 2 ** -52))).toBe(index + 1);
    }
  });

  it('agrees with the bounds for any value from 1 µs to an hour', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 3600, noNaN: true }), (value) => {
        const index = bucketIndex(value);
        return bucketUpperBound(index - 1) < value && value <= bucketUpperBound(index) * (1 + 1e-15);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a schema Prometheus would not take here, and a value no bucket holds', () => {
    expect(() => bucketIndex(1, 9)).toThrow(/schema must be a whole number 0 … 8/);
    expect(() => bucketIndex(0)).toThrow(/value > 0/);
  });
});

describe('spansAndDeltas', () => {
  it('lays runs of buckets in spans, the first at its index and the next after the gap, counts as deltas', () => {
    const { spans, deltas } = spansAndDeltas([
      [-3, 2],
      [-2, 5],
      [4, 1],
      [5, 1],
      [6, 0],
      [9, 7],
    ]);
    expect(spans).toEqual([
      { offset: -3, length: 2 },
      { offset: 5, length: 2 },
      { offset: 3, length: 1 },
    ]);
    expect(deltas).toEqual([2, 3, -4, 0, 6]);
  });

  it('gives no spans for no buckets, and refuses buckets out of order', () => {
    expect(spansAndDeltas([])).toEqual({ spans: [], deltas: [] });
    expect(() =>
      spansAndDeltas([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/increasing index order: 1 after 2/);
  });
});

describe('nativeHistogramOf', () => {
  it('puts samples of exactly 1 ms, 10 ms and 100 ms in their buckets, with exact count and sum', () => {
    const h = nativeOf([1, 1, 1, 10, 10, 100]);
    expect(h.schema).toBe(3);
    expect(h.count).toBe(6);
    expect(h.sum).toBe(0.123);
    expect(h.zeroCount).toBe(0);
    expect(h.zeroThreshold).toBe(ZERO_THRESHOLD);
    expect(h.positiveSpans).toEqual([
      { offset: -79, length: 1 },
      { offset: 25, length: 1 },
      { offset: 26, length: 1 },
    ]);
    expect(h.positiveDeltas).toEqual([3, -1, -1]);
    expect([...bucketCounts(h.positiveSpans, h.positiveDeltas)]).toEqual([
      [-79, 3],
      [-53, 2],
      [-26, 1],
    ]);
  });

  it('keeps a sample of exactly 125 ms (a bucket bound, 2^−3 s) in the bucket it closes, though its HdrHistogram bucket straddles it', () => {
    const h = nativeOf([125, 125.05]);
    expect([...bucketCounts(h.positiveSpans, h.positiveDeltas)]).toEqual([[-24, 2]]);
  });

  it('counts samples under half a microsecond in the zero bucket', () => {
    const h = nativeOf([0, 0.0004, 0.002]);
    expect(h.zeroCount).toBe(2);
    expect(h.count).toBe(3);
    expect([...bucketCounts(h.positiveSpans, h.positiveDeltas)]).toEqual([[bucketIndex(0.000002), 1]]);
  });

  it('gives every sample of a wide spread its bucket, counts exact, off by one bucket only within 0.1 % above a bound', () => {
    const samples = fc.sample(fc.double({ min: 0.05, max: 120_000, noNaN: true }), { numRuns: 5000, seed: 42 });
    const h = nativeOf(samples);
    const counts = bucketCounts(h.positiveSpans, h.positiveDeltas);
    expect(h.count).toBe(samples.length);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(samples.length);
    expect(h.sum).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / 1000, 6);
    const direct = new Map<number, number>();
    let nearBound = 0;
    for (const ms of samples) {
      const index = bucketIndex(ms / 1000);
      direct.set(index, (direct.get(index) ?? 0) + 1);
      if (ms / 1000 / bucketUpperBound(index - 1) < 1.001) nearBound += 1;
    }
    const moved = [...new Set([...direct.keys(), ...counts.keys()])].reduce((sum, i) => sum + Math.abs((direct.get(i) ?? 0) - (counts.get(i) ?? 0)), 0) / 2;
    expect(moved).toBeLessThanOrEqual(nearBound);
  });

  it('only ever grows as a test goes on: a later histogram has every bucket of an earlier one, at least as full', () => {
    const trend = trendOf([3, 7, 20]);
    const before = bucketCounts(...spansOf(nativeHistogramOf(trend.histogram, 0.03)));
    for (const ms of [20, 21, 400, 0.5]) trend.histogram.recordValue(Math.round(ms * 1000));
    const after = bucketCounts(...spansOf(nativeHistogramOf(trend.histogram, 0.5)));
    for (const [index, count] of before) expect(after.get(index)).toBeGreaterThanOrEqual(count);
  });

  it('refuses a WebAssembly HdrHistogram it cannot walk, saying which it needs', async () => {
    const hdr = await import('hdr-histogram-js');
    await hdr.initWebAssembly();
    const wasm = hdr.build({ useWebAssembly: true });
    try {
      expect(() => nativeHistogramOf(wasm, 0)).toThrow(/useWebAssembly: false/);
    } finally {
      wasm.destroy();
    }
  });
});

function spansOf(h: ReturnType<typeof nativeHistogramOf>): [{ offset: number; length: number }[], number[]] {
  return [h.positiveSpans, h.positiveDeltas];
}
