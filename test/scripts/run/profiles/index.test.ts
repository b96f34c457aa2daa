import { describe, expect, it } from 'vitest';
import { PROFILES, profileNamed } from '../../../../scripts/run/profiles/index.ts';
import { stressSteps } from '../../../../scripts/run/profiles/stress.ts';
import { testTargets } from '../../../vocabulary/targetsFixture.ts';

const targets = testTargets();

describe('smoke profile', () => {
  it('takes 20 applicants on 2 users at scale 1, and every applicant exactly once, for at most 120 s', () => {
    const plan = profileNamed('smoke').plan({ targets, scale: 1 });
    expect(plan.applicants).toBe(20);
    expect(plan.loadPlan.executor).toEqual({ executor: 'shared-iterations', users: 2, iterations: 20, maxSeconds: 120 });
    expect(plan.loadPlan.gracefulStopSeconds).toBe(30);
  });

  it('scales applicants and users together, users capped at 50, and bounds the run by --duration', () => {
    const plan = profileNamed('smoke').plan({ targets, scale: 500, durationSeconds: 45 });
    expect(plan.applicants).toBe(10_000);
    expect(plan.loadPlan.executor).toMatchObject({ users: 50, iterations: 10_000, maxSeconds: 45 });
    expect(plan.maxUsers).toBe(50);
  });
});

describe('stress profile', () => {
  it('holds each step of users with a short ramp between, over --duration when given', () => {
    const plan = profileNamed('stress').plan({ targets, scale: 1, durationSeconds: 80 });
    const { executor } = plan.loadPlan;
    if (executor.executor !== 'ramping-vus') throw new Error(`stress plans ramping-vus, not ${executor.executor}`);
    expect(executor.startUsers).toBe(1);
    // 80 s over 8 steps: 10 s each, a 1 s ramp and 9 s held.
    expect(executor.stages.filter((_, i) => i % 2 === 0).every((s) => s.seconds === 1)).toBe(true);
    expect(executor.stages.filter((_, i) => i % 2 === 1).map((s) => s.target)).toEqual([1, 2, 4, 8, 12, 16, 24, 32]);
    expect(executor.stages.filter((_, i) => i % 2 === 1).every((s) => s.seconds === 9)).toBe(true);
    expect(plan.loadPlan.gracefulStopSeconds).toBe(10);
    expect(plan.maxUsers).toBe(32);
  });

  it('plans enough applicants that no user runs out: 150 journeys per user-second, at most 800 a second per step', () => {
    const plan = profileNamed('stress').plan({ targets, scale: 0.25, durationSeconds: 30 });
    expect(stressSteps(0.25)).toEqual([1, 2, 3, 4, 6, 8]);
    // 6 steps of 5 s: 150, 300, 450, 600, 800 (900 capped), 800 (1200 capped) journeys a second.
    expect(plan.applicants).toBe((150 + 300 + 450 + 600 + 800 + 800) * 5);
  });
});

describe('profileNamed', () => {
  it('names the known profiles when given an unknown one', () => {
    expect(() => profileNamed('soak-forever')).toThrow(`expected one of ${Object.keys(PROFILES).join(', ')}`);
  });
});
