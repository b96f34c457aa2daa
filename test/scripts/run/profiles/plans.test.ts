// Every time-based profile's plan: bounded in count and duration, honouring --scale and --duration.

import { describe, expect, it } from 'vitest';
import { PROFILES, profileNamed } from '../../../../scripts/run/profiles/index.ts';
import { APPLICANT_BUDGET } from '../../../../scripts/run/profiles/openModel.ts';
import { loadTargets } from '../../../../scripts/targets/load.ts';
import { ENROLL_ONLY } from '../../../../scenarios/consumers/journeyShape.ts';
import { UsageError } from '../../../../scripts/usageError.ts';

const targets = loadTargets();
const OPEN_MODEL = ['load', 'spike', 'soak', 'breakpoint'];

type Stage = { duration: string; target: number };
const seconds = (d: string): number => Number(d.replace(/s$/, ''));
const stagesOf = (name: string, scale: number, durationSeconds?: number): Stage[] =>
  profileNamed(name).plan({ targets, scale, durationSeconds }).scenario.stages as Stage[];

describe.each(OPEN_MODEL)('%s profile (open model)', (name) => {
  it('spreads its stages over --duration and ends every journey under way before the run ends', () => {
    const plan = profileNamed(name).plan({ targets, scale: 0.001, durationSeconds: 60 });
    expect(plan.scenario.executor).toBe('ramping-arrival-rate');
    const total = stagesOf(name, 0.001, 60).reduce((sum, s) => sum + seconds(s.duration), 0);
    expect(total).toBeGreaterThanOrEqual(59);
    expect(total).toBeLessThanOrEqual(61);
    expect(seconds(String(plan.scenario.gracefulStop))).toBeLessThan(60);
  });

  it('scales its arrival rate with --scale', () => {
    const peak = (scale: number) => Math.max(...stagesOf(name, scale, 600).map((s) => s.target));
    expect(peak(0.02) / peak(0.01)).toBeCloseTo(2, 1);
  });

  it('is bounded: its applicants within the budget at scale 1 and default duration, its VUs finite, dropped iterations gated', () => {
    const plan = profileNamed(name).plan({ targets, scale: 1 });
    expect(plan.applicants).toBeLessThanOrEqual(APPLICANT_BUDGET);
    expect(Number.isFinite(plan.maxVUs)).toBe(true);
    expect(plan.maxDroppedIterations).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(plan.thresholds?.dropped_iterations)).toContain(`count<=${plan.maxDroppedIterations}`);
  });
});

describe('spike profile', () => {
  it('surges to 5× the base rate in one minute at its default 10 minutes, then falls back', () => {
    const plan = profileNamed('spike').plan({ targets, scale: 0.01 });
    const stages = plan.scenario.stages as Stage[];
    const base = plan.scenario.startRate as number;
    expect(stages.map((s) => s.duration)).toEqual(['180s', '60s', '180s', '60s', '120s']);
    const peak = stages[1]!.target;
    expect(stages.map((s) => s.target)).toEqual([base, peak, peak, base, base]);
    expect(peak / base).toBeCloseTo(5, 2);
  });
});

describe('soak profile', () => {
  it('runs 4 hours by default, lowering the rate to stay within the applicant budget, and says so', () => {
    const plan = profileNamed('soak').plan({ targets, scale: 1 });
    const total = (plan.scenario.stages as Stage[]).reduce((sum, s) => sum + seconds(s.duration), 0);
    expect(total).toBe(4 * 3600);
    // The funnel's 50,000 users: 822.37 journeys/s (test/scripts/run/profiles/load.test.ts) for 4 h is 11.8 M applicants.
    expect(plan.describe).toMatch(/capped from 822\.37 by the 2,000,000-applicant budget/);
  });

  it('keeps the full target rate when the budget allows it, and refuses more than 24 hours', () => {
    expect(profileNamed('soak').plan({ targets, scale: 0.01 }).describe).not.toMatch(/capped/);
    expect(() => profileNamed('soak').plan({ targets, scale: 0.01, durationSeconds: 25 * 3600 })).toThrow(/at most 24 h/);
  });
});

describe('breakpoint profile', () => {
  it('ramps linearly from 0 to 10× the target rate of enrollment journeys and makes every threshold abort the run once crossed', () => {
    const plan = profileNamed('breakpoint').plan({ targets, scale: 0.01, durationSeconds: 600 });
    // Load with every consumer enrolling: the rate the enrollment path must hold for the target's users.
    const load = profileNamed('load').plan({ targets: { ...targets, funnel: ENROLL_ONLY }, scale: 0.01, durationSeconds: 600 });
    const [stage] = plan.scenario.stages as Stage[];
    expect(plan.scenario.startRate).toBe(0);
    expect(stage!.target / (load.scenario.stages as Stage[])[1]!.target).toBeCloseTo(10, 2);
    const thresholds = Object.values(plan.thresholds ?? {}).flat();
    expect(Object.keys(plan.thresholds ?? {})).toEqual(expect.arrayContaining(['http_req_duration', 'http_req_failed', 'dropped_iterations']));
    expect(thresholds.every((t) => typeof t === 'object' && t.abortOnFail === true && t.delayAbortEval === '30s')).toBe(true);
  });

  it('initialises VUs up front for the target rate only, a tenth of the ramp top; k6 starts the rest as the rate climbs', () => {
    const plan = profileNamed('breakpoint').plan({ targets, scale: 0.01, durationSeconds: 600 });
    const ratio = (plan.scenario.preAllocatedVUs as number) / plan.maxVUs;
    expect(ratio).toBeGreaterThan(0.05);
    expect(ratio).toBeLessThan(0.15);
  });
});

describe('concurrency profile', () => {
  it('holds the scaled target of VUs for --duration at the targets think time when the run is long enough', () => {
    const plan = profileNamed('concurrency').plan({ targets, scale: 0.1, durationSeconds: 600 });
    expect(plan.scenario).toMatchObject({ executor: 'constant-vus', vus: 5000, duration: '600s' });
    expect(plan.thinkTimeSeconds).toBe(30);
    // A VU's shortest cycle: a browse journey (1 pause of at least 15 s) and the 30 s think before its next journey,
    // 45 s: at most 600 / 45 = 13.3 → 14 journeys, plus the one under way: 15 each.
    expect(plan.applicants).toBe(5000 * 15);
    expect(plan.journeyMix).toEqual(targets.funnel);
  });

  it('holds 50,000 VUs at scale 1 within the applicant budget, and shortens think time for a brief run', () => {
    expect(profileNamed('concurrency').plan({ targets, scale: 1 }).applicants).toBeLessThanOrEqual(APPLICANT_BUDGET);
    const brief = profileNamed('concurrency').plan({ targets, scale: 0.001, durationSeconds: 6 });
    expect(brief.scenario).toMatchObject({ vus: 50, duration: '6s' });
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
    expect(plan.scenario).toMatchObject({ executor: 'constant-arrival-rate', rate: 60, timeUnit: '1m', duration: '30s' });
    expect(plan.applicants).toBe(30 + 1 + SECURITY_PROBE_HOUSEHOLDS);
    expect(plan.exchange?.rateLimitPerMinute).toBeGreaterThan(2 * 60);
    for (const probe of PROBE_CLASS_NAMES) {
      expect(plan.thresholds?.[`marketplace_security_probes_succeeded{probe:${probe}}`]).toEqual(['count==0']);
      expect(plan.thresholds?.[`marketplace_security_probes{probe:${probe}}`]).toEqual(['count>0']);
    }
  });

  it('refuses a background heavy enough to meet the rate limit', () => {
    expect(() => profileNamed('security').plan({ targets, scale: 50 })).toThrow(UsageError);
  });
});
