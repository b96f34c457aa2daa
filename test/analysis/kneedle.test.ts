// Kneedle on the example of its paper: Satopää, Albrecht, Irwin, Raghavan, "Finding a 'Kneedle' in a Haystack:
// Detecting Knee Points in System Behavior" (ICDCS workshops, 2011), figure 2: y = −1/(x + 0.1) + 5 sampled at ten
// evenly spaced x in [0, 1], knee at x ≈ 0.22 (the reference implementation kneed asserts 0.22 in tests/test_sample.py).

import { describe, expect, it } from 'vitest';
import { differenceCurve, findKnee, type CurvePoint } from '../../analysis/kneedle.ts';

const figure2: CurvePoint[] = Array.from({ length: 10 }, (_, i) => {
  const x = i / 9;
  return { x, y: -1 / (x + 0.1) + 5 };
});

describe('findKnee', () => {
  it("finds the paper's knee at x = 2/9 on the concave increasing curve of figure 2", () => {
    const knee = findKnee(figure2, { curve: 'concave', direction: 'increasing' });
    expect(knee?.index).toBe(2);
    expect(knee?.x).toBeCloseTo(0.22, 2);
    // Difference curve at the knee: normalised y − x = (y(2/9) − y(0)) / (y(1) − y(0)) − 2/9.
    const y = (x: number): number => -1 / (x + 0.1) + 5;
    expect(knee?.prominence).toBeCloseTo((y(2 / 9) - y(0)) / (y(1) - y(0)) - 2 / 9, 12);
  });

  it('finds the same knee on the mirrored shapes', () => {
    // Point reflection (−x, −y) turns concave increasing into convex increasing, the shape of latency against load.
    const convexIncreasing = figure2.map((p) => ({ x: -p.x, y: -p.y }));
    const convexDecreasing = figure2.map((p) => ({ x: p.x, y: -p.y }));
    const concaveDecreasing = figure2.map((p) => ({ x: -p.x, y: p.y }));
    expect(findKnee(concaveDecreasing, { curve: 'concave', direction: 'decreasing' })?.x).toBeCloseTo(-2 / 9, 12);
    expect(findKnee(convexDecreasing, { curve: 'convex', direction: 'decreasing' })?.x).toBeCloseTo(2 / 9, 12);
    expect(findKnee(convexIncreasing, { curve: 'convex', direction: 'increasing' })?.x).toBeCloseTo(-2 / 9, 12);
  });

  it('finds the knee of a latency curve where p95 starts to climb', () => {
    const latency = [1, 2, 4, 8, 12, 16, 24, 32].map((n) => ({ x: n, y: n <= 12 ? 5 + n * 0.1 : 6.2 + (n - 12) * 8 }));
    expect(findKnee(latency, { curve: 'convex', direction: 'increasing' })?.x).toBe(12);
  });

  it('finds none on a straight line or on fewer than three points', () => {
    const line = [1, 2, 3, 4, 5].map((x) => ({ x, y: 2 * x }));
    expect(findKnee(line, { curve: 'convex', direction: 'increasing' })).toBeUndefined();
    expect(findKnee(figure2.slice(0, 2), { curve: 'concave', direction: 'increasing' })).toBeUndefined();
  });

  it('sorts the points by x first', () => {
    expect(findKnee([...figure2].reverse(), { curve: 'concave', direction: 'increasing' })?.index).toBe(2);
  });

  it('normalises both axes: the difference curve is 0 at both ends', () => {
    const diff = differenceCurve(figure2, { curve: 'concave', direction: 'increasing' });
    expect(diff[0]).toBe(0);
    expect(diff[9]).toBeCloseTo(0, 12);
  });
});
