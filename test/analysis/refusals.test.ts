// The analyses that refuse to answer nonsense: compare on runs of different workloads, soak on a run too short to
// project, capacity plans from points that span too little concurrency or that the curve does not explain.

import { describe, expect, it } from 'vitest';
import { describeDifferences, differences, type RunIdentity } from '../../analysis/comparable.ts';
import { MIN_CONCURRENCY_SPAN, MIN_PLAN_R_SQUARED, planRefusal } from '../../analysis/planTrust.ts';
import { MIN_JUDGED_SECONDS, soakTooShort, soakWindows } from '../../analysis/soakSeries.ts';
import { fitUsl } from '../../analysis/usl.ts';
import { judgedSeries } from '../../scripts/analysis/soakOfRun.ts';
import { plannedSeconds } from '../../scripts/analysis/runIdentity.ts';
import { rampingUsers } from '../engine/fixtures/executors.ts';

const run = (dir: string, profile: string | undefined, scale: number | undefined, plannedSeconds: number | undefined): RunIdentity => ({
  dir,
  profile,
  scale,
  plannedSeconds,
});

describe('which runs compare refuses to pool', () => {
  it('finds no difference among runs of one profile, scale and duration', () => {
    expect(differences([run('a', 'smoke', 2, undefined), run('b', 'smoke', 2, undefined), run('c', 'smoke', 2, undefined)])).toEqual([]);
  });

  it('names the profile that differs and the runs of each', () => {
    const diffs = differences([run('a', 'smoke', 1, undefined), run('b', 'load', 1, undefined), run('c', 'smoke', 1, undefined)]);
    expect(diffs.map((d) => d.field)).toEqual(['profile']);
    expect(describeDifferences(diffs)).toEqual(['profile: smoke (a, c) vs load (b)']);
  });

  it('finds a scale or a planned duration that differs, and a run that does not say', () => {
    expect(describeDifferences(differences([run('a', 'load', 1, 60), run('b', 'load', 0.5, 30)]))).toEqual([
      'scale: 1 (a) vs 0.5 (b)',
      'planned duration: 60 s (a) vs 30 s (b)',
    ]);
    expect(describeDifferences(differences([run('a', 'load', 1, 60), run('b', undefined, undefined, undefined)]))).toEqual([
      'profile: load (a) vs unknown (b)',
      'scale: 1 (a) vs unknown (b)',
      'planned duration: 60 s (a) vs unknown (b)',
    ]);
  });

  it('reads the planned duration from --duration or from the load plan the run recorded', () => {
    const plan = (executor: object) => ({ executor, gracefulStopSeconds: 30, thresholds: {} });
    expect(plannedSeconds({ durationSeconds: 45, plan: plan({ executor: 'constant-vus', users: 2, seconds: 30 }) })).toBe(45);
    expect(plannedSeconds({ plan: plan({ executor: 'constant-arrival-rate', rate: 2, seconds: 120, maxInFlight: 10 }) })).toBe(120);
    expect(
      plannedSeconds({
        plan: plan(
          rampingUsers(1, [
            [1, 2],
            [4, 4],
            [0, 8],
          ]),
        ),
      }),
    ).toBe(5);
    expect(plannedSeconds({ plan: plan({ executor: 'shared-iterations', users: 2, iterations: 20, maxSeconds: 90 }) })).toBe(90);
    expect(plannedSeconds({ runId: 'before plans were recorded' } as never)).toBeUndefined();
  });
});

describe('soak on a run too short to judge', () => {
  it('refuses a 30 s run: its 3 s warm-up plus the minimum window is more than it lasted', () => {
    const short = soakTooShort(30, soakWindows(30));
    expect(short).toEqual({ neededSeconds: 3 + MIN_JUDGED_SECONDS, durationSeconds: 30, warmupSeconds: 3, minJudgedSeconds: MIN_JUDGED_SECONDS });
  });

  it('judges a ten-minute run and an hour', () => {
    expect(soakTooShort(600, soakWindows(600))).toBeUndefined();
    expect(soakTooShort(3600, soakWindows(3600))).toBeUndefined();
    expect(soakTooShort(600, soakWindows(600, { warmupSeconds: 400 }))).toBeDefined();
  });

  it('judges memory in MiB, named for it', () => {
    const judged = judgedSeries('rssBytes', [{ t: 1, value: 210 * 1024 ** 2 }]);
    expect(judged).toEqual({ name: 'exchange rss (MiB)', unit: 'MiB', points: [{ t: 1, value: 210 }] });
    expect(judgedSeries('eventLoopLagP99Seconds', [{ t: 1, value: 0.01 }])).toEqual({
      name: 'exchange eventLoopLagP99Seconds',
      unit: 's',
      points: [{ t: 1, value: 0.01 }],
    });
  });
});

describe('capacity plans', () => {
  const wide = [
    { concurrency: 1, throughput: 64.9 },
    { concurrency: 18, throughput: 995.9 },
    { concurrency: 36, throughput: 1652.4 },
    { concurrency: 72, throughput: 1853.2 },
    { concurrency: 108, throughput: 1828.9 },
  ];

  it('are made from points over a wide range the curve explains', () => {
    expect(planRefusal(wide, fitUsl(wide).rSquared)).toBeUndefined();
  });

  it('are not made from three near-identical load levels: not enough distinct load levels', () => {
    const near = [
      { concurrency: 10, throughput: 400 },
      { concurrency: 11, throughput: 380 },
      { concurrency: 12, throughput: 410 },
    ];
    const refusal = planRefusal(near, fitUsl(near).rSquared);
    expect(refusal).toMatchObject({
      reason: 'not enough distinct load levels',
      lowestConcurrency: 10,
      highestConcurrency: 12,
      concurrencySpan: 1.2,
      minConcurrencySpan: MIN_CONCURRENCY_SPAN,
    });
    expect(refusal!.detail).toMatch(/concurrency 10 to 12 \(1\.2×\).*at least 4× the lowest/);
  });

  it('are not made when the fit is poor, at the stated bound', () => {
    expect(planRefusal(wide, MIN_PLAN_R_SQUARED - 0.01)).toMatchObject({ reason: 'poor fit', minRSquared: MIN_PLAN_R_SQUARED });
    expect(planRefusal(wide, 0.17)!.detail).toMatch(/R² 0\.17, below 0\.5/);
    expect(planRefusal(wide, MIN_PLAN_R_SQUARED)).toBeUndefined();
  });
});
