// The load profile turns the target concurrency into an arrival rate by Little's law, λ = N / (R + Z).

import { describe, expect, it } from 'vitest';
import { load } from '../../../../scripts/run/profiles/load.ts';
import { loadTargets } from '../../../../scripts/targets/load.ts';
import type { Targets } from '../../../../scripts/targets/schema.ts';
import { ENROLL_ONLY } from '../../../../scenarios/consumers/journeyShape.ts';

const defaults = loadTargets();
/** A worked example: 1,000 users who all enroll, 10 s think time per pause, 100 ms per request. */
const example: Targets = { ...defaults, funnel: ENROLL_ONLY, concurrentUsers: 1000, thinkTimeSeconds: 10, plannedResponseMs: 100 };

type Stage = { duration: string; target: number };

describe("load profile: Little's law", () => {
  it('1,000 users, 7 requests of 0.1 s and 4 pauses of 10 s: λ = 1000 / (0.7 + 40) = 24.57 journeys/s', () => {
    const plan = load.plan({ targets: example, scale: 1 });
    // R = 7 × 0.1 s = 0.7 s; Z = 4 × 10 s = 40 s; λ = 1000 / 40.7 = 24.570 journeys/s = 1,474.2 a minute → 1,474.
    expect(plan.scenario).toMatchObject({ executor: 'ramping-arrival-rate', timeUnit: '60s', startRate: 0 });
    const stages = plan.scenario.stages as Stage[];
    expect(stages).toEqual([
      { duration: '300s', target: 1474 },
      { duration: '600s', target: 1474 },
    ]);
    // Back through Little's law: N = λ · W = 1474 / 60 × 40.7 s = 999.9 users on the site.
    expect(((1474 / 60) * 40.7)).toBeCloseTo(999.9, 1);
    expect(plan.thinkTimeSeconds).toBe(10);
  });

  it('--scale 0.5 halves the users and so the rate: 500 / 40.7 = 12.285 journeys/s → 737 a minute', () => {
    const stages = load.plan({ targets: example, scale: 0.5 }).scenario.stages as Stage[];
    expect(stages.map((s) => s.target)).toEqual([737, 737]);
  });

  it('plans the journeys the stages start, gates dropped iterations at the error budget, and has a VU for each', () => {
    const plan = load.plan({ targets: example, scale: 0.5 });
    // Ramp 300 s from 0 to 737/min: 737 / 2 × 5 min = 1,842.5; hold 600 s: 737 × 10 min = 7,370 → 9,213 journeys.
    expect(plan.describe).toContain('9,213 journeys');
    expect(plan.maxDroppedIterations).toBe(92); // 1 % (slo.errorRate) of 9,213
    expect(plan.thresholds).toEqual({ dropped_iterations: ['count<=92'] });
    expect(plan.applicants).toBeGreaterThanOrEqual(9213);
    // VUs: the peak rate times the longest journey (every pause 1.5 × 10 s, every request at the p99 SLO of 2.5 s).
    expect(plan.maxVUs).toBe(Math.ceil((737 / 60) * (4 * 1.5 * 10 + 7 * 2.5)) + 2);
  });

  it('all enrolling, the committed 50,000 users, 30 s think, 0.2 s responses → 50000 / 121.4 = 411.86 journeys/s', () => {
    const stages = load.plan({ targets: { ...defaults, funnel: ENROLL_ONLY }, scale: 1 }).scenario.stages as Stage[];
    expect(stages[1]!.target).toBe(Math.round((50_000 / 121.4) * 60)); // 24,712 a minute
  });

  it("the committed funnel: Little's law over the mean journey, 50000 / 60.8 = 822.37 journeys/s, a fifth of them enrolling", () => {
    // Funnel browse 0.5 (2 requests, 1 pause), apply 0.2 (6, 3), enroll 0.2 (7, 4), returning 0.1 (4, 1):
    // mean requests 0.5·2 + 0.2·6 + 0.2·7 + 0.1·4 = 4.0 → R = 4 × 0.2 s = 0.8 s;
    // mean pauses 0.5·1 + 0.2·3 + 0.2·4 + 0.1·1 = 2.0 → Z = 2 × 30 s = 60 s; λ = 50000 / 60.8 = 822.37 journeys/s.
    expect(defaults.funnel).toEqual({ browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 });
    const plan = load.plan({ targets: defaults, scale: 1 });
    expect((plan.scenario.stages as Stage[])[1]!.target).toBe(Math.round((50_000 / 60.8) * 60)); // 49,342 a minute
    expect(plan.journeyMix).toEqual(defaults.funnel);
    expect(plan.describe).toContain('822.37 journeys/s');
    // Enrollments: 822.37 × 0.2 = 164.47 a second, 592,105 an hour: the funnel alone does not make the 1,000,000 an hour
    // target, which the enrollment path must hold when more consumers enroll (breakpoint and stress measure it).
    expect(Math.round((50_000 / 60.8) * 0.2 * 3600)).toBe(592_105);
  });

  it('a run too short for the think time shortens it so the longest journey fits in half the run, and says so', () => {
    const plan = load.plan({ targets: example, scale: 0.01, durationSeconds: 10 });
    // (10 s / 2 − 0.7 s of responses) / (4 pauses × 1.5) = 0.716 s.
    expect(plan.thinkTimeSeconds).toBe(0.716);
    expect(plan.describe).toMatch(/does not fit a journey into this short a run/);
    // 10 users / (0.7 + 4 × 0.716) s = 2.806 journeys/s → 168 a minute.
    expect((plan.scenario.stages as Stage[]).map((s) => s.target)).toEqual([168, 168]);
  });
});
