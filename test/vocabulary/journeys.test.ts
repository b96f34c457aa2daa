// The funnel as the scenarios run it: which journey each arriving consumer makes, and the mean journey Little's law plans with.

import { describe, expect, it } from 'vitest';
import { ENROLL_ONLY, JOURNEY_KINDS, journeyFor, mixShape, type JourneyKind, type JourneyMix } from '../../vocabulary/journeys.ts';

const FUNNEL: JourneyMix = { browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 };

function countKinds(from: number, count: number, mix: JourneyMix): Record<JourneyKind, number> {
  const counts = Object.fromEntries(JOURNEY_KINDS.map((k) => [k, 0])) as Record<JourneyKind, number>;
  for (let i = from; i < from + count; i++) counts[journeyFor(i, mix)]++;
  return counts;
}

describe('journeyFor', () => {
  it('keeps the mix within two journeys of each share over any stretch of arrivals, short or long', () => {
    for (const [from, count] of [
      [0, 10],
      [0, 37],
      [1234, 100],
      [999_000, 1000],
      [0, 100_000],
    ] as const) {
      const counts = countKinds(from, count, FUNNEL);
      for (const kind of JOURNEY_KINDS) expect(Math.abs(counts[kind] - FUNNEL[kind] * count), `${kind} in ${count} from ${from}`).toBeLessThanOrEqual(2);
    }
  });

  it('never picks a journey with no share, and only enrollments when that is the mix', () => {
    expect(countKinds(0, 500, ENROLL_ONLY)).toEqual({ browse: 0, apply: 0, enroll: 500, returning: 0 });
    expect(countKinds(0, 500, { browse: 0.5, apply: 0, enroll: 0.5, returning: 0 }).apply).toBe(0);
  });

  it('is the same for the same arrival, so every engine worker and every rerun agrees', () => {
    expect([...Array(50).keys()].map((i) => journeyFor(i, FUNNEL))).toEqual([...Array(50).keys()].map((i) => journeyFor(i, FUNNEL)));
  });
});

describe('mixShape', () => {
  it('weights each journey by its share: mean 4.0 requests and 2.0 pauses for the committed funnel', () => {
    // browse 2 requests / 1 pause, apply 6 / 3, enroll 7 / 4, returning 4 / 1.
    const shape = mixShape(FUNNEL);
    expect(shape.meanRequests).toBeCloseTo(0.5 * 2 + 0.2 * 6 + 0.2 * 7 + 0.1 * 4, 10);
    expect(shape.meanThinkPauses).toBeCloseTo(0.5 * 1 + 0.2 * 3 + 0.2 * 4 + 0.1 * 1, 10);
    expect(shape).toMatchObject({ mostRequests: 7, mostThinkPauses: 4, fewestThinkPauses: 1 });
  });

  it('is the enrollment journey alone for enrollments only', () => {
    expect(mixShape(ENROLL_ONLY)).toEqual({ meanRequests: 7, meanThinkPauses: 4, mostRequests: 7, mostThinkPauses: 4, fewestThinkPauses: 4 });
  });
});
