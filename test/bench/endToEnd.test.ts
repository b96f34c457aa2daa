// The end-to-end bench's plan: smoke's journeys, shared by the bench's users rather than smoke's cap of 50.

import { describe, expect, it } from 'vitest';
import { maxLoadSeconds, withUsers } from '../../bench/endToEnd.ts';
import { profileNamed } from '../../scripts/run/profiles/index.ts';
import { loadTargets } from '../../scripts/targets/load.ts';

const smokeAt = (applicants: number) => {
  const smoke = profileNamed('smoke');
  const targets = loadTargets();
  return smoke.plan({ targets, scale: applicants / smoke.plan({ targets, scale: 1 }).applicants, durationSeconds: maxLoadSeconds(applicants) });
};

describe('the end-to-end bench plan', () => {
  it('gives smoke journeys to the bench users, past smoke cap of 50, and says so', () => {
    const smoke = smokeAt(72_000);
    expect(smoke.loadPlan.executor).toMatchObject({ executor: 'shared-iterations', users: 50, iterations: 72_000 });
    const plan = withUsers(smoke, 100);
    expect(plan.loadPlan.executor).toEqual({ ...smoke.loadPlan.executor, users: 100 });
    expect(plan.maxUsers).toBe(100);
    expect(plan.describe).toMatch(/^72000 journeys shared by up to 100 users/);
    // Everything else is smoke's: the thresholds, the applicants, the enrollments intended.
    expect({ ...plan, loadPlan: { ...plan.loadPlan, executor: undefined }, maxUsers: 0, describe: '' }).toEqual({
      ...smoke,
      loadPlan: { ...smoke.loadPlan, executor: undefined },
      maxUsers: 0,
      describe: '',
    });
  });

  it('never has more users than journeys', () => {
    expect(withUsers(smokeAt(40), 100).loadPlan.executor).toMatchObject({ users: 40, iterations: 40 });
  });

  it('allows the goal rate a tenth of its pace before it stops a stalled run, and never under two minutes', () => {
    expect(maxLoadSeconds(72_000)).toBe(1296);
    expect(maxLoadSeconds(100)).toBe(120);
  });
});
