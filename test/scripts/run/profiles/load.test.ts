// The load profile turns the target concurrency into an arrival rate by Little's law, λ = N / (R + Z).

import { describe, expect, it } from 'vitest';
import type { RampingArrivalRate } from '../../../../engine/plan.ts';
import { load } from '../../../../scripts/run/profiles/load.ts';
import type { ProfilePlan } from '../../../../scripts/run/profiles/profile.ts';
import type { Targets } from '../../../../vocabulary/targets.ts';
import { ENROLL_ONLY } from '../../../../vocabulary/journeys.ts';
import { testTargets } from '../../../vocabulary/targetsFixture.ts';

const defaults = testTargets();
/** A worked example: 1,000 users who all enroll, 10 s think time per pause, 100 ms per request. */
const example: Targets = { ...defaults, funnel: ENROLL_ONLY, concurrentUsers: 1000, thinkTimeSeconds: 10, plannedResponseMs: 100 };

function arrivals(plan: ProfilePlan): RampingArrivalRate {
  const { executor } = plan.loadPlan;
  if (executor.executor !== 'ramping-arrival-rate') throw new Error(`load plans ramping-arrival-rate, not ${executor.executor}`);
  return executor;
}

describe("load profile: Little's law", () => {
  it('1,000 users, 7 requests of 0.1 s and 4 pauses of 10 s: λ = 1000 / (0.7 + 40) = 24.57 journeys/s', () => {
    const plan = load.plan({ targets: example, scale: 1 });
    // R = 7 × 0.1 s = 0.7 s; Z = 4 × 10 s = 40 s; λ = 1000 / 40.7 = 24.570 journeys/s, ramped over a third of 900 s.
    const executor = arrivals(plan);
    expect(executor.startRate).toBe(0);
    expect(executor.stages.map((s) => s.seconds)).toEqual([300, 600]);
    for (const stage of executor.stages) expect(stage.target).toBeCloseTo(1000 / 40.7, 9);
    // Back through Little's law: N = λ · W = 24.570 × 40.7 s = 1,000 users on the site.
    expect(executor.stages[1]!.target * 40.7).toBeCloseTo(1000, 9);
    expect(plan.thinkTimeSeconds).toBe(10);
  });

  it('--scale 0.5 halves the users and so the rate: 500 / 40.7 = 12.285 journeys/s', () => {
    const executor = arrivals(load.plan({ targets: example, scale: 0.5 }));
    expect(executor.stages).toHaveLength(2);
    for (const stage of executor.stages) expect(stage.target).toBeCloseTo(500 / 40.7, 9);
  });

  it('plans the journeys the stages start, an applicant each, gates dropped journeys at the error budget, and bounds the journeys in flight', () => {
    const plan = load.plan({ targets: example, scale: 0.5 });
    // Ramp 300 s from 0 to 12.285/s: 12.285 / 2 × 300 = 1,842.75; hold 600 s: 12.285 × 600 = 7,371.01 → 9,213.76, so 9,214 journeys.
    expect(Math.ceil((500 / 40.7) * (300 / 2 + 600))).toBe(9214);
    expect(plan.describe).toContain('9,214 journeys');
    expect(plan.applicants).toBe(9214);
    expect(plan.maxDroppedJourneys).toBe(92); // 1 % (slo.errorRate) of 9,214
    expect(plan.loadPlan.thresholds.journeys_dropped).toEqual([{ expression: 'count<=92' }]);
    // In flight: the peak rate times the longest journey (every pause 1.5 × 10 s, every request at the p99 SLO of 2.5 s), + 2.
    expect(arrivals(plan).maxInFlight).toBe(Math.ceil((500 / 40.7) * (4 * 1.5 * 10 + 7 * 2.5)) + 2);
    expect(plan.maxUsers).toBe(955); // 12.285 × 77.5 s = 952.09 → 953, + 2
    // Journeys under way at the end get the longest journey and 10 s: 77.5 + 10 → 88 s.
    expect(plan.loadPlan.gracefulStopSeconds).toBe(88);
  });

  it('gates on the SLOs of the targets file besides dropped journeys', () => {
    const { thresholds } = load.plan({ targets: example, scale: 0.5 }).loadPlan;
    expect(thresholds.http_req_duration).toEqual([{ expression: `p(95)<${example.slo.p95Ms}` }, { expression: `p(99)<${example.slo.p99Ms}` }]);
    expect(thresholds.http_req_failed).toEqual([{ expression: `rate<=${example.slo.errorRate}` }]);
    expect(thresholds.marketplace_oracle_mismatches).toEqual([{ expression: `count<=${example.integrity.maxOracleMismatches}` }]);
    expect(
      Object.values(thresholds)
        .flat()
        .some((t) => t.abortOnFail),
    ).toBe(false);
  });

  it('all enrolling, the committed 50,000 users, 30 s think, 0.2 s responses → 50000 / 121.4 = 411.86 journeys/s', () => {
    const executor = arrivals(load.plan({ targets: { ...defaults, funnel: ENROLL_ONLY }, scale: 1 }));
    expect(executor.stages[1]!.target).toBeCloseTo(50_000 / 121.4, 9);
  });

  it("the committed funnel: Little's law over the mean journey, 50000 / 60.8 = 822.37 journeys/s, a fifth of them enrolling", () => {
    // Funnel browse 0.5 (2 requests, 1 pause), apply 0.2 (6, 3), enroll 0.2 (7, 4), returning 0.1 (4, 1):
    // mean requests 0.5·2 + 0.2·6 + 0.2·7 + 0.1·4 = 4.0 → R = 4 × 0.2 s = 0.8 s;
    // mean pauses 0.5·1 + 0.2·3 + 0.2·4 + 0.1·1 = 2.0 → Z = 2 × 30 s = 60 s; λ = 50000 / 60.8 = 822.37 journeys/s.
    expect(defaults.funnel).toEqual({ browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 });
    const plan = load.plan({ targets: defaults, scale: 1 });
    expect(arrivals(plan).stages[1]!.target).toBeCloseTo(50_000 / 60.8, 9);
    expect(plan.journeyMix).toEqual(defaults.funnel);
    expect(plan.describe).toContain('822.37 journeys/s');
    // 822.37 / 2 × 300 s + 822.37 × 600 s = 616,776.3 → 616,777 journeys.
    expect(plan.applicants).toBe(Math.ceil((50_000 / 60.8) * 750));
    // Enrollments: 822.37 × 0.2 = 164.47 a second, 592,105 an hour: the funnel alone does not make the 1,000,000 an hour
    // target, which the enrollment path must hold when more consumers enroll (breakpoint and stress measure it).
    expect(Math.round((50_000 / 60.8) * 0.2 * 3600)).toBe(592_105);
  });

  it('a run too short for the think time shortens it so the longest journey fits in half the run, and says so', () => {
    const plan = load.plan({ targets: example, scale: 0.01, durationSeconds: 10 });
    // (10 s / 2 − 0.7 s of responses) / (4 pauses × 1.5) = 0.716 s.
    expect(plan.thinkTimeSeconds).toBe(0.716);
    expect(plan.describe).toMatch(/does not fit a journey into this short a run/);
    // 10 users / (0.7 + 4 × 0.716) s = 2.806 journeys/s, ramped over 3 s and held 7 s.
    const executor = arrivals(plan);
    expect(executor.stages.map((s) => s.seconds)).toEqual([3, 7]);
    for (const stage of executor.stages) expect(stage.target).toBeCloseTo(10 / (0.7 + 4 * 0.716), 9);
  });
});
