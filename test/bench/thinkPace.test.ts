import { describe, expect, it } from 'vitest';
import { idealRequestRate, littlesLawRequestRate } from '../../bench/thinkPace.ts';
import { ENROLL_ONLY, type JourneyMix } from '../../vocabulary/journeys.ts';

// targets.yaml's funnel: a journey makes 0.5·2 + 0.2·6 + 0.2·7 + 0.1·4 = 4 requests and 0.5·1 + 0.2·3 + 0.2·4 + 0.1·1 = 2 pauses.
const FUNNEL: JourneyMix = { browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 };

describe('littlesLawRequestRate', () => {
  it('is users × requests over the journey: 50,000 × 4 / (2 pauses + 1 think between journeys, 30 s each)', () => {
    expect(littlesLawRequestRate(50_000, 30, 0, FUNNEL)).toBeCloseTo(200_000 / 90, 9);
  });

  it('counts the response time of every request: the enrollment journey is 7 requests and 5 thinks', () => {
    expect(littlesLawRequestRate(1_000, 30, 0.2, ENROLL_ONLY)).toBeCloseTo(7_000 / (7 * 0.2 + 5 * 30), 9);
  });
});

describe('idealRequestRate', () => {
  const window = { users: 50_000, rampSeconds: 30, thinkSeconds: 30, responseSeconds: 0.001, mix: FUNNEL };
  const steady = littlesLawRequestRate(50_000, 30, 0.001, FUNNEL);

  it('reaches the steady state long after the ramp', () => {
    expect(idealRequestRate({ ...window, fromSeconds: 600, toSeconds: 1_200 }) / steady).toBeCloseTo(1, 1);
  });

  it("falls short of it in the minutes after a ramp from nothing: the ramp's first wave has not come round again", () => {
    const ratio = idealRequestRate({ ...window, fromSeconds: 30, toSeconds: 90 }) / steady;
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(0.98);
  });

  it('is the same figure for the same seed, and scales with the users', () => {
    const a = idealRequestRate({ ...window, fromSeconds: 30, toSeconds: 150 });
    expect(idealRequestRate({ ...window, fromSeconds: 30, toSeconds: 150 })).toBe(a);
    expect(idealRequestRate({ ...window, users: 250_000, fromSeconds: 30, toSeconds: 150 })).toBeCloseTo(5 * a, 6);
  });
});
