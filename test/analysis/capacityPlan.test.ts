// Capacity planning worked by hand: Little's law turns one instance's throughput into users, users into instances,
// and a too-small fleet into a waiting-room wait.

import { describe, expect, it } from 'vitest';
import { planCapacity, waitingRoomWait, type CapacityInput } from '../../analysis/capacityPlan.ts';

// One instance: λ = 100 requests/s per VU, σ = 0, κ = 0.0001 → N* = √(1/κ) = 100, X(100) = 10,000/1.99 = 5,025.13/s.
const fit = { sigma: 0, kappa: 0.0001, lambda: 100, peakConcurrency: 100 };
const base: CapacityInput = {
  fit,
  latency: [],
  sloP95Ms: 1000,
  thinkTimeSeconds: 30,
  loadThinkSeconds: 0,
  requestsPerJourney: 6,
  loads: [50_000, 250_000],
};

describe('waitingRoomWait', () => {
  it('83,000 users on a fleet for 50,000 with 7-minute sessions: 33,000 queued, wait 33,000 · 420 / 50,000 s', () => {
    const r = waitingRoomWait(83_000, 50_000, 420);
    expect(r.queued).toBe(33_000);
    expect(r.expectedWaitSeconds).toBeCloseTo(277.2, 9);
  });
  it('no queue when the fleet holds everyone; no admission at all when it holds no one', () => {
    expect(waitingRoomWait(40_000, 50_000, 420)).toEqual({ queued: 0, expectedWaitSeconds: 0 });
    expect(waitingRoomWait(10, 0, 420)).toEqual({ queued: 10, expectedWaitSeconds: Infinity });
  });
});

describe('planCapacity', () => {
  it('without measured latency: operates at N* (the model response 19.9 ms is well within the SLO)', () => {
    const plan = planCapacity(base);
    expect(plan.limitedBy).toBe('peak throughput');
    expect(plan.operatingConcurrency).toBe(100);
    expect(plan.throughputPerInstance).toBeCloseTo(10_000 / 1.99, 9);
    // Little's law on the closed loop with no think time: R = N / X = 1.99 / 100 s.
    expect(plan.responseSeconds).toBeCloseTo(0.0199, 12);
    // N = X · (R + Z) = 5,025.13 × 30.0199 = 150,853.8 → 150,853 users an instance.
    expect(plan.usersPerInstance).toBe(150_853);
    expect(plan.sessionSeconds).toBeCloseTo(6 * 30.0199, 9);
  });

  it('instances and the wait for 50,000 and 250,000 users', () => {
    const [target, launch] = planCapacity(base).plans;
    expect(target).toMatchObject({ users: 50_000, instancesNeeded: 1, fleet: 1, fleetUsers: 150_853, queued: 0, expectedWaitSeconds: 0 });
    expect(target!.demandedThroughput).toBeCloseTo(50_000 / 30.0199, 9);
    expect(launch).toMatchObject({ users: 250_000, instancesNeeded: 2, fleet: 1, queued: 99_147 });
    // 99,147 queued, admitted at 150,853 / 180.1194 per second → 118.38 s.
    expect(launch!.expectedWaitSeconds).toBeCloseTo((99_147 * 180.1194) / 150_853, 6);
  });

  it('a larger fleet given: the wait is for that fleet', () => {
    const [, launch] = planCapacity({ ...base, instances: 2 }).plans;
    expect(launch).toMatchObject({ fleet: 2, fleetUsers: 301_706, queued: 0, expectedWaitSeconds: 0 });
  });

  it('with measured latency: operates where p95 crosses the SLO, interpolated between load levels', () => {
    // p95 500 ms at 50 VUs, 1,500 ms at 90 → crosses 1,000 ms at 50 + 40 · 500/1,000 = 70 (below N* = 100).
    const plan = planCapacity({
      ...base,
      latency: [
        { concurrency: 10, p95Ms: 100 },
        { concurrency: 50, p95Ms: 500 },
        { concurrency: 90, p95Ms: 1500 },
      ],
    });
    expect(plan.limitedBy).toBe('latency SLO');
    expect(plan.operatingConcurrency).toBe(70);
    expect(plan.throughputPerInstance).toBeCloseTo(7000 / (1 + 0.0001 * 70 * 69), 9);
  });

  it('never extrapolates latency past the highest load measured', () => {
    const plan = planCapacity({
      ...base,
      latency: [
        { concurrency: 10, p95Ms: 5 },
        { concurrency: 20, p95Ms: 6 },
        { concurrency: 40, p95Ms: 8 },
      ],
    });
    expect(plan.limitedBy).toBe('highest load measured');
    expect(plan.operatingConcurrency).toBe(40);
  });

  it('a slower instance (lower N*) holds fewer users and needs more instances', () => {
    const slower = planCapacity({ ...base, fit: { sigma: 0.05, kappa: 0.0004, lambda: 100, peakConcurrency: Math.sqrt(0.95 / 0.0004) } });
    const healthy = planCapacity(base);
    expect(slower.usersPerInstance).toBeLessThan(healthy.usersPerInstance);
    expect(slower.plans[1]!.instancesNeeded).toBeGreaterThan(healthy.plans[1]!.instancesNeeded);
  });

  it('needs a load to plan for', () => {
    expect(() => planCapacity({ ...base, loads: [] })).toThrow(/at least one load/);
  });
});
