import { describe, expect, it } from 'vitest';
import { downsampleAligned } from '../../report/downsample.ts';

describe('downsampleAligned', () => {
  const n = 3600;
  const x = Array.from({ length: n }, (_, i) => i);
  // A slow wave with one spike up and one dip down, each a single point, in different series.
  const latency = x.map((i) => 100 + 10 * Math.sin(i / 200) + (i === 1234 ? 5000 : 0));
  const throughput = x.map((i) => 50 + (i === 2777 ? -49 : 0) + (i % 7));

  it('bounds the points of every series and keeps x ascending', () => {
    const out = downsampleAligned({ x, ys: [latency, throughput] }, 500);
    expect(out.x.length).toBeLessThanOrEqual(500);
    expect(out.x.length).toBeGreaterThan(400);
    for (const ys of out.ys) expect(ys).toHaveLength(out.x.length);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]!).toBeGreaterThanOrEqual(out.x[i - 1]!);
  });

  it('keeps a one-point spike and a one-point dip at full height, and every extreme of the series', () => {
    const out = downsampleAligned({ x, ys: [latency, throughput] }, 200);
    expect(Math.max(...(out.ys[0] as number[]))).toBe(Math.max(...latency));
    expect(Math.min(...(out.ys[0] as number[]))).toBe(Math.min(...latency));
    expect(Math.min(...(out.ys[1] as number[]))).toBe(Math.min(...throughput));
    expect(Math.min(...throughput)).toBeLessThan(10);
    expect(Math.max(...(out.ys[1] as number[]))).toBe(Math.max(...throughput));
  });

  it('puts each bucket’s minimum and maximum in the order they occurred', () => {
    const out = downsampleAligned({ x: [0, 1, 2, 3], ys: [[5, 1, 9, 2]] }, 2);
    expect(out.x).toEqual([0, 3]);
    expect(out.ys[0]).toEqual([1, 9]);
    const falling = downsampleAligned({ x: [0, 1, 2, 3], ys: [[5, 9, 1, 2]] }, 2);
    expect(falling.ys[0]).toEqual([9, 1]);
  });

  it('leaves short series alone and keeps gaps as gaps', () => {
    const data = { x: [0, 1, 2], ys: [[1, null, 3]] };
    expect(downsampleAligned(data, 10)).toBe(data);
    const gaps = downsampleAligned({ x: [0, 1, 2, 3, 4, 5], ys: [[null, null, null, 2, 3, 1]] }, 4);
    expect(gaps.ys[0]).toEqual([null, null, 3, 1]);
  });

  it('refuses a budget under two points', () => {
    expect(() => downsampleAligned({ x, ys: [latency] }, 1)).toThrow(/at least 2/);
  });
});
