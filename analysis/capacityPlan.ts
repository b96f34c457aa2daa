// Capacity planning from a USL fit: how many interactive users one instance holds within the latency SLO, how many
// instances a target needs, and how long the waiting room makes people wait when the fleet is too small.
// Little's law (domain/capacity/littlesLaw.ts) does every users ↔ throughput conversion.

import { throughputOf, usersFor } from '../domain/capacity/littlesLaw.ts';
import { ENROLLMENT_JOURNEY } from '../vocabulary/journeys.ts';
import { findKnee } from './kneedle.ts';
import { uslThroughput, type UslFit } from './usl.ts';

/** Concurrent users on the federal exchange's launch day, October 1, 2013 (shared/domain.md §1): 5× its design load. */
export const LAUNCH_DAY_USERS = 250_000;
/** Requests one enrollment journey makes (scenarios/lib/journeys.ts), from its shape. */
export const REQUESTS_PER_JOURNEY = ENROLLMENT_JOURNEY.requests;

export interface LatencyPoint {
  concurrency: number;
  p95Ms: number;
}

export interface CapacityInput {
  fit: Pick<UslFit, 'sigma' | 'kappa' | 'lambda' | 'peakConcurrency'>;
  /** p95 measured at each load level; without them the SLO is judged on the model's mean response time. */
  latency: LatencyPoint[];
  sloP95Ms: number;
  /** Think time of real users between pages (targets.yaml thinkTimeSeconds). */
  thinkTimeSeconds: number;
  /** Think time the measured load had between requests: 0 for a closed-loop stress run, where N is requests in flight. */
  loadThinkSeconds: number;
  /** Requests (pages) one user makes to finish the journey: sets how long a session holds its place. */
  requestsPerJourney: number;
  /** Loads to plan for, in concurrent users: the target (50,000) and launch day (250,000). */
  loads: number[];
  /** Fleet the wait is estimated for; by default the instances the first load needs. */
  instances?: number;
}

export interface LoadPlan {
  users: number;
  /** Requests a second these users make (Little's law: N / (R + Z)). */
  demandedThroughput: number;
  instancesNeeded: number;
  /** Instances the wait below assumes. */
  fleet: number;
  fleetUsers: number;
  queued: number;
  /** Expected wait in the waiting room, seconds (0 when the fleet holds everyone). */
  expectedWaitSeconds: number;
}

export interface CapacityPlan {
  operatingConcurrency: number;
  limitedBy: 'latency SLO' | 'peak throughput' | 'highest load measured';
  knee: LatencyPoint | undefined;
  throughputPerInstance: number;
  responseSeconds: number;
  usersPerInstance: number;
  sessionSeconds: number;
  plans: LoadPlan[];
}

/** Where measured p95 first crosses the SLO, interpolated linearly between the two load levels around the crossing. */
function sloCrossing(latency: LatencyPoint[], sloMs: number): number | undefined {
  const sorted = [...latency].sort((a, b) => a.concurrency - b.concurrency);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (p.p95Ms <= sloMs) continue;
    if (i === 0) return 0;
    const q = sorted[i - 1]!;
    return q.concurrency + ((sloMs - q.p95Ms) * (p.concurrency - q.concurrency)) / (p.p95Ms - q.p95Ms);
  }
  return undefined;
}

/** Mean response time at concurrency N by Little's law on the measured loop: R = N/X(N) − Z. */
function modelResponseSeconds(input: CapacityInput, n: number): number {
  return Math.max(0, n / uslThroughput(input.fit, n) - input.loadThinkSeconds);
}

/** Largest N (≤ N*) whose model mean response stays within the SLO, by bisection (R grows with N). */
function modelSloLimit(input: CapacityInput, ceiling: number): number {
  const slo = input.sloP95Ms / 1000;
  if (modelResponseSeconds(input, ceiling) <= slo) return ceiling;
  let low = 0,
    high = ceiling;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (modelResponseSeconds(input, mid) <= slo) low = mid;
    else high = mid;
  }
  return low;
}

function operatingPoint(input: CapacityInput): Pick<CapacityPlan, 'operatingConcurrency' | 'limitedBy'> {
  const peak = input.fit.peakConcurrency;
  if (input.latency.length === 0) {
    const highest = Number.isFinite(peak) ? peak : 1e7;
    const n = modelSloLimit(input, highest);
    return { operatingConcurrency: n, limitedBy: n < highest ? 'latency SLO' : 'peak throughput' };
  }
  const crossing = sloCrossing(input.latency, input.sloP95Ms);
  const measuredMax = Math.max(...input.latency.map((p) => p.concurrency));
  // Latency is not extrapolated past the highest load measured.
  const bySlo = crossing ?? measuredMax;
  if (peak < bySlo) return { operatingConcurrency: peak, limitedBy: 'peak throughput' };
  return { operatingConcurrency: bySlo, limitedBy: crossing === undefined ? 'highest load measured' : 'latency SLO' };
}

/**
 * The waiting room's expected wait. Assumption: demand stays at `users` concurrent (whoever finishes is replaced by
 * someone new, as on launch day), the fleet admits `fleetUsers` at a time, first come first served, and a place
 * frees when a session ends. The queue then holds users − fleetUsers people and drains at fleetUsers / session
 * sessions a second, so by Little's law (W = L / X) the wait is (users − fleetUsers) · session / fleetUsers.
 */
export function waitingRoomWait(users: number, fleetUsers: number, sessionSeconds: number): { queued: number; expectedWaitSeconds: number } {
  if (users <= fleetUsers) return { queued: 0, expectedWaitSeconds: 0 };
  if (fleetUsers <= 0) return { queued: users, expectedWaitSeconds: Infinity };
  const admittedPerSecond = throughputOf({ users: fleetUsers, responseSeconds: sessionSeconds, thinkSeconds: 0 });
  const queued = users - fleetUsers;
  return { queued, expectedWaitSeconds: queued / admittedPerSecond };
}

export function planCapacity(input: CapacityInput): CapacityPlan {
  if (input.loads.length === 0) throw new RangeError('plan needs at least one load (concurrent users) to plan for');
  const { operatingConcurrency, limitedBy } = operatingPoint(input);
  const kneeFound = findKnee(
    input.latency.map((p) => ({ x: p.concurrency, y: p.p95Ms })),
    { curve: 'convex', direction: 'increasing' },
  );
  const knee = kneeFound ? { concurrency: kneeFound.x, p95Ms: kneeFound.y } : undefined;
  const throughputPerInstance = operatingConcurrency > 0 ? uslThroughput(input.fit, operatingConcurrency) : 0;
  const responseSeconds = operatingConcurrency > 0 ? modelResponseSeconds(input, operatingConcurrency) : 0;
  const usersPerInstance = throughputPerInstance > 0 ? Math.floor(usersFor(throughputPerInstance, responseSeconds, input.thinkTimeSeconds)) : 0;
  const sessionSeconds = input.requestsPerJourney * (responseSeconds + input.thinkTimeSeconds);
  const instancesFor = (users: number): number => (usersPerInstance > 0 ? Math.ceil(users / usersPerInstance) : Infinity);
  const fleet = input.instances ?? instancesFor(input.loads[0]!);
  const fleetUsers = usersPerInstance > 0 ? fleet * usersPerInstance : 0;
  const plans = input.loads.map((users) => ({
    users,
    demandedThroughput: throughputOf({ users, responseSeconds, thinkSeconds: input.thinkTimeSeconds }),
    instancesNeeded: instancesFor(users),
    fleet,
    fleetUsers,
    ...waitingRoomWait(users, fleetUsers, sessionSeconds),
  }));
  return { operatingConcurrency, limitedBy, knee, throughputPerInstance, responseSeconds, usersPerInstance, sessionSeconds, plans };
}
