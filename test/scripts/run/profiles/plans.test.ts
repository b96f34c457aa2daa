// Every time-based profile's plan: bounded in count and duration, honouring --scale and --duration, and a LoadPlan
// the engine accepts.

import { describe, expect, it } from 'vitest';
import { planProblem, plannedSeconds, type Executor, type RampingArrivalRate } from '../../../../engine/plan.ts';
import { plannedArrivals } from '../../../../engine/schedule.ts';
import { thresholdProblems } from '../../../../engine/thresholds.ts';
import { PROFILES, profileNamed } from '../../../../scripts/run/profiles/index.ts';
import { APPLICANT_BUDGET } from '../../../../scripts/run/profiles/openModel.ts';
import { ENROLL_ONLY } from '../../../../vocabulary/journeys.ts';
import { UsageError } from '../../../../vocabulary/errors.ts';
import { testTargets } from '../../../vocabulary/targetsFixture.ts';

const targets = testTargets();
const OPEN_MODEL = ['load', 'spike', 'soak', 'breakpoint'];

function arrivals(executor: Executor): RampingArrivalRate {
  if (executor.executor !== 'ramping-arrival-rate') throw new Error(`an open-model profile plans ramping-arrival-rate, not ${executor.executor}`);
  return executor;
}
const executorOf = (name: string, scale: number, durationSeconds?: number): RampingArrivalRate =>
  arrivals(profileNamed(name).plan({ targets, scale, durationSeconds }).loadPlan.executor);

describe.each(Object.keys(PROFILES))('%s profile', (name) => {
  it('plans a LoadPlan the engine accepts, with thresholds it can read, the SLOs among them', () => {
    const { loadPlan } = profileNamed(name).plan({ targets, scale: 0.01, durationSeconds: 60 });
    expect(planProblem(loadPlan)).toBeUndefined();
    expect(thresholdProblems(loadPlan.thresholds)).toEqual([]);
    expect(loadPlan.thresholds.http_req_duration?.map((t) => t.expression)).toEqual([`p(95)<${targets.slo.p95Ms}`, `p(99)<${targets.slo.p99Ms}`]);
    expect(loadPlan.thresholds.http_req_failed?.map((t) => t.expression)).toEqual([`rate<=${targets.slo.errorRate}`]);
  });
});

describe.each(OPEN_MODEL)('%s profile (open model)', (name) => {
  it('spreads its stages over --duration and ends every journey under way before the run ends', () => {
    const plan = profileNamed(name).plan({ targets, scale: 0.001, durationSeconds: 60 });
    const total = plannedSeconds(arrivals(plan.loadPlan.executor));
    expect(total).toBeGreaterThanOrEqual(59);
    expect(total).toBeLessThanOrEqual(61);
    expect(plan.loadPlan.gracefulStopSeconds).toBeLessThan(60);
  });

  it('scales its arrival rate with --scale', () => {
    const peak = (scale: number) => Math.max(...executorOf(name, scale, 600).stages.map((s) => s.target));
    expect(peak(0.02) / peak(0.01)).toBeCloseTo(2, 6);
  });

  it('plans an applicant for every arrival the engine will start, journey k taking applicant k', () => {
    const plan = profileNamed(name).plan({ targets, scale: 0.001, durationSeconds: 120 });
    expect(plan.applicants).toBe(plannedArrivals(plan.loadPlan.executor));
  });

  it('is bounded: its applicants within the budget at scale 1 and default duration, its journeys in flight finite, dropped journeys gated', () => {
    const plan = profileNamed(name).plan({ targets, scale: 1 });
    expect(plan.applicants).toBeLessThanOrEqual(APPLICANT_BUDGET);
    expect(Number.isFinite(plan.maxUsers)).toBe(true);
    expect(arrivals(plan.loadPlan.executor).maxInFlight).toBe(plan.maxUsers);
    expect(plan.maxDroppedJourneys).toBe(Math.floor(targets.slo.errorRate * plan.applicants));
    expect(plan.loadPlan.thresholds.journeys_dropped?.map((t) => t.expression)).toEqual([`count<=${plan.maxDroppedJourneys}`]);
  });
});

describe('spike profile', () => {
  it('surges to 5× the base rate in one minute at its default 10 minutes, then falls back', () => {
    const executor = executorOf('spike', 0.01);
    const base = executor.startRate;
    expect(executor.stages.map((s) => s.seconds)).toEqual([180, 60, 180, 60, 120]);
    const peak = executor.stages[1]!.target;
    expect(executor.stages.map((s) => s.target)).toEqual([base, peak, peak, base, base]);
    expect(peak / base).toBeCloseTo(5, 9);
  });
});

describe('soak profile', () => {
  it('runs 4 hours by default, lowering the rate to stay within the applicant budget, and says so', () => {
    const plan = profileNamed('soak').plan({ targets, scale: 1 });
    expect(plannedSeconds(plan.loadPlan.executor)).toBe(4 * 3600);
    // The funnel's 50,000 users: 822.37 journeys/s (test/scripts/run/profiles/load.test.ts) for 4 h is 11.8 M applicants.
    expect(plan.describe).toMatch(/capped from 822\.37 by the 2,000,000-applicant budget/);
    // The cap: 95 % of the budget over a ramp of 720 s (5 %) and 13,680 s held: 1,900,000 / (360 + 13,680) = 135.33 journeys/s.
    const executor = arrivals(plan.loadPlan.executor);
    expect(executor.stages.map((s) => s.seconds)).toEqual([720, 13_680]);
    for (const stage of executor.stages) expect(stage.target).toBeCloseTo(1_900_000 / 14_040, 9);
    expect(plan.applicants).toBe(1_900_000);
  });

  it('keeps the full target rate when the budget allows it, and refuses more than 24 hours', () => {
    expect(profileNamed('soak').plan({ targets, scale: 0.01 }).describe).not.toMatch(/capped/);
    expect(() => profileNamed('soak').plan({ targets, scale: 0.01, durationSeconds: 25 * 3600 })).toThrow(/at most 24 h/);
  });
});

describe('breakpoint profile', () => {
  it('ramps linearly from 0 to 10× the target rate of enrollment journeys and makes every threshold abort the run once crossed', () => {
    const plan = profileNamed('breakpoint').plan({ targets, scale: 0.01, durationSeconds: 600 });
    const executor = arrivals(plan.loadPlan.executor);
    expect(executor.startRate).toBe(0);
    expect(executor.stages).toHaveLength(1);
    // Load with every consumer enrolling: the rate the enrollment path must hold for the target's users.
    const enrolling = arrivals(
      profileNamed('load').plan({ targets: { ...targets, funnel: ENROLL_ONLY }, scale: 0.01, durationSeconds: 600 }).loadPlan.executor,
    );
    expect(executor.stages[0]!.target / enrolling.stages[1]!.target).toBeCloseTo(10, 9);
    const { thresholds } = plan.loadPlan;
    expect(Object.keys(thresholds)).toEqual(expect.arrayContaining(['http_req_duration', 'http_req_failed', 'journeys_dropped']));
    // Judged after 5 % of the 600 s run: 30 s.
    for (const t of Object.values(thresholds).flat()) expect(t).toMatchObject({ abortOnFail: true, abortAfterSeconds: 30 });
  });

  it('waits at least a second before any threshold may abort a short run', () => {
    const { thresholds } = profileNamed('breakpoint').plan({ targets, scale: 0.001, durationSeconds: 10 }).loadPlan;
    for (const t of Object.values(thresholds).flat()) expect(t.abortAfterSeconds).toBe(1);
  });

  it('caps the ramp top by the applicant budget at scale 1 and says so', () => {
    // 95 % of 2,000,000 applicants over a linear ramp of 1,200 s: top = 2 × 1,900,000 / 1,200 = 3,166.67 journeys/s.
    const plan = profileNamed('breakpoint').plan({ targets, scale: 1 });
    expect(arrivals(plan.loadPlan.executor).stages[0]!.target).toBeCloseTo(3_800_000 / 1200, 9);
    expect(plan.describe).toMatch(/capped from 4118\.62 by the applicant budget/);
  });
});

describe('concurrency profile', () => {
  it('holds the scaled target of users for --duration at the targets think time when the run is long enough', () => {
    const plan = profileNamed('concurrency').plan({ targets, scale: 0.1, durationSeconds: 600 });
    expect(plan.loadPlan.executor).toEqual({ executor: 'constant-vus', users: 5000, seconds: 600 });
    expect(plan.maxUsers).toBe(5000);
    // The longest journey (enroll: 4 pauses of 1.5 × 30 s, 7 requests at the p99 SLO of 2.5 s) = 197.5 s, + 10 s → 208 s.
    expect(plan.loadPlan.gracefulStopSeconds).toBe(208);
    expect(plan.thinkTimeSeconds).toBe(30);
    // A user's shortest cycle: a browse journey (1 pause of at least 15 s) and the 30 s think before its next journey,
    // 45 s: at most 600 / 45 = 13.3 → 14 journeys, plus the one under way: 15 each.
    expect(plan.applicants).toBe(5000 * 15);
    expect(plan.journeyMix).toEqual(targets.funnel);
  });

  it('holds 50,000 users at scale 1 within the applicant budget, and shortens think time for a brief run', () => {
    expect(profileNamed('concurrency').plan({ targets, scale: 1 }).applicants).toBeLessThanOrEqual(APPLICANT_BUDGET);
    const brief = profileNamed('concurrency').plan({ targets, scale: 0.001, durationSeconds: 6 });
    expect(brief.loadPlan.executor).toEqual({ executor: 'constant-vus', users: 50, seconds: 6 });
    expect(brief.thinkTimeSeconds).toBeLessThan(1);
  });

  it('refuses a plan past the applicant budget with what to do', () => {
    expect(() => profileNamed('concurrency').plan({ targets, scale: 20, durationSeconds: 3600 })).toThrow(UsageError);
  });
});

it('every profile is registered under its name, and its consumers are an engine journey module that exists', async () => {
  expect(Object.keys(PROFILES)).toEqual(['smoke', 'load', 'stress', 'breakpoint', 'spike', 'soak', 'concurrency', 'security']);
  const { consumersFor } = await import('../../../../scripts/run/consumers.ts');
  const { existsSync } = await import('node:fs');
  for (const profile of Object.values(PROFILES)) {
    const plan = profile.plan({ targets, scale: 0.001, durationSeconds: 60 });
    const consumers = consumersFor({ profile: profile.name, plan, targets, baseUrl: 'http://127.0.0.1:1', applicantsFile: '/a', ledgerDir: '/l' });
    expect(existsSync(consumers.journeyModule), profile.name).toBe(true);
  }
});

describe('security profile', () => {
  it('plans light background arrivals for --duration, a rate limit for the exchange, and two thresholds per probe class', async () => {
    const { PROBE_CLASS_NAMES, SECURITY_PROBE_HOUSEHOLDS } = await import('../../../../scenarios/consumers/security/probeClasses.ts');
    const plan = profileNamed('security').plan({ targets, scale: 1, durationSeconds: 30 });
    // 60 journeys a minute: one a second for 30 s, at most 8 in flight; journey 0 probes with the file's last households.
    expect(plan.loadPlan.executor).toEqual({ executor: 'constant-arrival-rate', rate: 1, seconds: 30, maxInFlight: 8 });
    expect(plan.applicants).toBe(30 + SECURITY_PROBE_HOUSEHOLDS);
    expect(plan.loadPlan.gracefulStopSeconds).toBe(30);
    expect(plan.exchange?.rateLimitPerMinute).toBeGreaterThan(2 * 60);
    for (const probe of PROBE_CLASS_NAMES) {
      expect(plan.loadPlan.thresholds[`marketplace_security_probes_succeeded{probe:${probe}}`]).toEqual([{ expression: 'count==0' }]);
      expect(plan.loadPlan.thresholds[`marketplace_security_probes{probe:${probe}}`]).toEqual([{ expression: 'count>0' }]);
    }
  });

  it('scales the background without rounding to whole journeys a minute, one a minute at the least', () => {
    // --scale 0.123: 7.38 journeys a minute = 0.123 a second; over 20 s that is 2.46 arrivals, so 3 journeys.
    const scaled = profileNamed('security').plan({ targets, scale: 0.123 });
    expect(scaled.loadPlan.executor).toMatchObject({ executor: 'constant-arrival-rate', seconds: 20 });
    expect((scaled.loadPlan.executor as { rate: number }).rate).toBeCloseTo(0.123, 12);
    expect(plannedArrivals(scaled.loadPlan.executor)).toBe(3);
    expect(scaled.describe).toContain('background 7.38 journeys a minute');
    expect((profileNamed('security').plan({ targets, scale: 0.001 }).loadPlan.executor as { rate: number }).rate).toBeCloseTo(1 / 60, 12);
  });

  it('refuses a background heavy enough to meet the rate limit', () => {
    expect(() => profileNamed('security').plan({ targets, scale: 50 })).toThrow(UsageError);
  });
});
