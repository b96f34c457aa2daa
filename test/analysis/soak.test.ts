// Soak verdicts on series with a known shape: flat noise, a leak, a tiny creep, and a run too short to judge.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../analysis/bootstrap.ts';
import { EIGHT_HOURS, soakVerdict, type SeriesPoint } from '../../analysis/soak.ts';
import { soakWindows } from '../../analysis/soakSeries.ts';

/** One point a minute for an hour: level + slope·t + noise. */
function series(level: number, slopePerHour: number, noise: number, seed = 1): SeriesPoint[] {
  const random = seededRandom(seed);
  return Array.from({ length: 60 }, (_, i) => ({ t: 30 + i * 60, value: level + (slopePerHour * (30 + i * 60)) / 3600 + (random() - 0.5) * noise }));
}

describe('soakVerdict', () => {
  it('flat noise is flat', () => {
    const r = soakVerdict(series(200, 0, 20), { warmupSeconds: 300 });
    expect(r.verdict).toBe('flat');
    expect(r.points).toBe(55);
  });

  it('a memory leak of 40 MB an hour on 200 MB is drifting up, projected to about 520 MB at 8 hours', () => {
    const r = soakVerdict(series(200, 40, 1), { warmupSeconds: 300 });
    expect(r.verdict).toBe('drifting');
    expect(r.direction).toBe('up');
    expect(r.slopePerHour).toBeCloseTo(40, 0);
    expect(r.projected).toBeCloseTo(200 + 40 * 8, -1);
    expect(r.horizonSeconds).toBe(EIGHT_HOURS);
    expect(r.trend!.pValue).toBeLessThan(1e-6);
  });

  it('a falling latency is drifting down but projects to the floor of zero, not below it', () => {
    const r = soakVerdict(series(200, -100, 1), { warmupSeconds: 300 });
    expect(r.direction).toBe('down');
    expect(r.slopePerHour).toBeCloseTo(-100, 0);
    expect(r.projected).toBe(0);
  });

  it('a steady creep too small to matter over 8 hours is flat', () => {
    // +0.5 an hour on 200: 4 over 8 hours, 2 % of the level, under the 10 % minimum.
    const r = soakVerdict(series(200, 0.5, 0.01), { warmupSeconds: 300 });
    expect(r.trend!.pValue).toBeLessThan(0.05);
    expect(r.verdict).toBe('flat');
    expect(soakVerdict(series(200, 0.5, 0.01), { warmupSeconds: 300, minRelativeChange: 0.01 }).verdict).toBe('drifting');
  });

  it('the warm-up is left out: a fast start then a flat line is flat', () => {
    const points = series(200, 0, 2).map((p) => (p.t < 600 ? { ...p, value: p.value - 100 + p.t / 6 } : p));
    expect(soakVerdict(points, { warmupSeconds: 600 }).verdict).toBe('flat');
    expect(soakVerdict(points, { warmupSeconds: 0 }).verdict).toBe('drifting');
  });

  it('too few points after the warm-up: too short', () => {
    const r = soakVerdict(series(200, 40, 5).slice(0, 12), { warmupSeconds: 300 });
    expect(r.verdict).toBe('too short');
    expect(r.trend).toBeUndefined();
  });
});

describe('soakWindows', () => {
  it('a minute and five minutes warm-up for runs of half an hour or more; shorter runs get finer windows', () => {
    expect(soakWindows(3600)).toEqual({ windowSeconds: 60, warmupSeconds: 300 });
    expect(soakWindows(300)).toEqual({ windowSeconds: 10, warmupSeconds: 30 });
    expect(soakWindows(20)).toEqual({ windowSeconds: 1, warmupSeconds: 2 });
    expect(soakWindows(3600, { windowSeconds: 30 })).toEqual({ windowSeconds: 30, warmupSeconds: 300 });
  });
});
