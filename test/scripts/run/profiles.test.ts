import { describe, expect, it } from 'vitest';
import { PROFILES, profileNamed } from '../../../scripts/run/profiles/index.ts';
import { stressSteps } from '../../../scripts/run/profiles/stress.ts';
import { loadTargets } from '../../../scripts/targets/load.ts';

const targets = loadTargets();

describe('smoke profile', () => {
  it('takes 20 applicants on 2 VUs at scale 1, and every applicant exactly once', () => {
    const plan = profileNamed('smoke').plan({ targets, scale: 1 });
    expect(plan.applicants).toBe(20);
    expect(plan.scenario).toMatchObject({ executor: 'shared-iterations', vus: 2, iterations: 20 });
  });

  it('scales applicants and VUs together, VUs capped at 50', () => {
    const plan = profileNamed('smoke').plan({ targets, scale: 500 });
    expect(plan.applicants).toBe(10_000);
    expect(plan.scenario).toMatchObject({ vus: 50, iterations: 10_000 });
  });
});

describe('stress profile', () => {
  it('holds each step of VUs with a short ramp between, over --duration when given', () => {
    const plan = profileNamed('stress').plan({ targets, scale: 1, durationSeconds: 80 });
    const stages = plan.scenario.stages as { duration: string; target: number }[];
    expect(stages.filter((_, i) => i % 2 === 1).map((s) => s.target)).toEqual([1, 2, 4, 8, 12, 16, 24, 32]);
    expect(stages.filter((_, i) => i % 2 === 1).every((s) => s.duration === '9s')).toBe(true);
    expect(plan.maxVUs).toBe(32);
  });

  it('plans enough applicants that no VU runs out: 150 journeys per VU-second, at most 800 a second per step', () => {
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
