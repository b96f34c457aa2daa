// Every profile's plan read as the engine's: the same executor and numbers (rates per second from k6's per-minute
// units), its graceful stop, and its thresholds with k6's dropped_iterations as the engine's journeys_dropped.

import { describe, expect, it } from 'vitest';
import { plannedArrivals } from '../../../engine/schedule.ts';
import { planProblem } from '../../../engine/plan.ts';
import { thresholdProblems } from '../../../engine/thresholds.ts';
import { loadPlanOf } from '../../../scripts/run/loadPlanOf.ts';
import { plannedJourneys } from '../../../scripts/run/profiles/openModel.ts';
import { PROFILES, profileNamed } from '../../../scripts/run/profiles/index.ts';
import { sloThresholds } from '../../../scripts/run/profiles/thresholds.ts';
import { loadTargets } from '../../../scripts/targets/load.ts';

const targets = loadTargets();
const planOf = (name: string, scale: number, durationSeconds?: number) => {
  const plan = profileNamed(name).plan({ targets, scale, durationSeconds });
  return { plan, load: loadPlanOf(plan, { ...sloThresholds(targets), ...plan.thresholds }) };
};

describe('loadPlanOf', () => {
  it.each(Object.keys(PROFILES))('%s: a plan the engine accepts, thresholds it can read', (name) => {
    const { load } = planOf(name, 0.01, 60);
    expect(planProblem(load)).toBeUndefined();
    expect(thresholdProblems(load.thresholds)).toEqual([]);
    expect(load.thresholds.http_req_duration?.map((t) => t.expression)).toEqual([`p(95)<${targets.slo.p95Ms}`, `p(99)<${targets.slo.p99Ms}`]);
  });

  it('smoke: shared iterations, one per applicant', () => {
    const { plan, load } = planOf('smoke', 1);
    expect(load.executor).toEqual({ executor: 'shared-iterations', users: 2, iterations: plan.applicants, maxSeconds: 120 });
  });

  it('load: the same arrivals as the profile planned, at rates per second, dropped journeys gated', () => {
    const { plan, load } = planOf('load', 0.001, 120);
    const scenario = plan.scenario as unknown as { stages: { duration: string; target: number }[]; maxVUs: number };
    expect(load.executor.executor).toBe('ramping-arrival-rate');
    if (load.executor.executor !== 'ramping-arrival-rate') return;
    expect(load.executor.stages.map((s) => s.target)).toEqual(scenario.stages.map((s) => s.target / 60));
    expect(load.executor.maxInFlight).toBe(scenario.maxVUs);
    const perSecond = load.executor.stages.map((s) => ({ seconds: s.seconds, rate: s.target }));
    expect(plannedArrivals(load.executor)).toBe(plannedJourneys(0, perSecond));
    expect(load.thresholds.journeys_dropped).toEqual([{ expression: `count<=${plan.maxDroppedIterations}` }]);
    expect(load.gracefulStopSeconds).toBe(Number(String((plan.scenario as unknown as { gracefulStop: string }).gracefulStop).replace('s', '')));
  });

  it('breakpoint: every threshold aborts on fail after its delay', () => {
    const { load } = planOf('breakpoint', 0.001, 100);
    const all = Object.values(load.thresholds).flat();
    expect(all.length).toBeGreaterThan(0);
    for (const t of all) expect(t).toMatchObject({ abortOnFail: true, abortAfterSeconds: 5 });
  });

  it('stress: ramping users, step by step', () => {
    const { load } = planOf('stress', 1, 80);
    expect(load.executor.executor).toBe('ramping-vus');
  });
});
