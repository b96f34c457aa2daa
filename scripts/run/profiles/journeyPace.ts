// The pace of one simulated consumer over a mix of journeys, and Little's law turning concurrent users into
// journeys a second: λ = N / (R + Z), with R the mean journey's responses and Z its think time.

import { throughputOf } from '../../../domain/capacity/littlesLaw.ts';
import { ENROLL_ONLY, mixShape, THINK_SPREAD, type JourneyMix } from '../../../vocabulary/journeys.ts';
import type { Targets } from '../../../vocabulary/targets.ts';
import type { PlanInput } from './profile.ts';

/** A run lasts at least this many of its longest journeys, so a brief run (--duration 10s) still completes journeys. */
const RUN_PER_LONGEST_JOURNEY = 2;
/** Time past the longest journey that the end of a run waits, so no journey is cut mid-request. */
const STOP_GRACE_SECONDS = 10;

export interface JourneyPace {
  /** The journeys planned for and their shares. */
  mix: JourneyMix;
  /** Mean think time of one pause: the targets' value, or less when the run is too short for a journey at that pace. */
  thinkTimeSeconds: number;
  /** True when the run was too short for the targets' think time. */
  thinkCompressed: boolean;
  /** R: the mean journey's planned response time (mean requests × targets.plannedResponseMs). */
  responseSeconds: number;
  /** Z: the mean journey's think time (mean pauses × think time). */
  journeyThinkSeconds: number;
  /** R + Z. */
  meanJourneySeconds: number;
  /** The journey with fewest pauses, every pause at its shortest, responses instant: bounds how many journeys a user can make. */
  shortestJourneySeconds: number;
  /** The longest journey, every pause at its longest, every response at the p99 SLO (a run is fitted to the planned responses, not these). */
  longestJourneySeconds: number;
  /** The plan's graceful stop: the longest journey and a margin, so journeys under way at the end finish and none is cut. */
  gracefulStopSeconds: number;
}

export function journeyPace(targets: Targets, runSeconds: number, mix: JourneyMix = ENROLL_ONLY): JourneyPace {
  const shape = mixShape(mix);
  const responseSeconds = (shape.meanRequests * targets.plannedResponseMs) / 1000;
  const longestResponsesSeconds = (shape.mostRequests * targets.plannedResponseMs) / 1000;
  const slowResponsesSeconds = (shape.mostRequests * targets.slo.p99Ms) / 1000;
  const fitting = Math.max(0, (runSeconds / RUN_PER_LONGEST_JOURNEY - longestResponsesSeconds) / (shape.mostThinkPauses * THINK_SPREAD.max));
  const thinkTimeSeconds = round3(Math.min(targets.thinkTimeSeconds, fitting));
  const longestJourneySeconds = shape.mostThinkPauses * THINK_SPREAD.max * thinkTimeSeconds + slowResponsesSeconds;
  return {
    mix,
    thinkTimeSeconds,
    thinkCompressed: thinkTimeSeconds < targets.thinkTimeSeconds,
    responseSeconds,
    journeyThinkSeconds: shape.meanThinkPauses * thinkTimeSeconds,
    meanJourneySeconds: responseSeconds + shape.meanThinkPauses * thinkTimeSeconds,
    shortestJourneySeconds: shape.fewestThinkPauses * THINK_SPREAD.min * thinkTimeSeconds,
    longestJourneySeconds,
    gracefulStopSeconds: Math.ceil(longestJourneySeconds + STOP_GRACE_SECONDS),
  };
}

/** Little's law: journeys a second that keep `users` consumers on the site, λ = N / (R + Z). */
export function journeysPerSecond(users: number, pace: JourneyPace): number {
  return throughputOf({ users, responseSeconds: pace.responseSeconds, thinkSeconds: pace.journeyThinkSeconds });
}

export interface Consumers {
  /** The run's length: --duration, or the profile's default. */
  seconds: number;
  pace: JourneyPace;
  /** The target's concurrent users at this scale (at least one). */
  users: number;
}

/**
 * What every think-time profile plans from: its length, the journeys' pace over it, the users at this scale.
 * `mix`: the consumers' journeys: the targets' funnel, or only enrollments for a profile measuring that path.
 */
export function consumersFor({ targets, scale, durationSeconds }: PlanInput, defaultSeconds: number, mix: JourneyMix): Consumers {
  const seconds = durationSeconds ?? defaultSeconds;
  return { seconds, pace: journeyPace(targets, seconds, mix), users: Math.max(1, Math.round(targets.concurrentUsers * scale)) };
}

/** How the think time was chosen, for the plan's one line. */
export function describeThink(pace: JourneyPace, targets: Targets): string {
  return pace.thinkCompressed
    ? `think ${pace.thinkTimeSeconds} s (the targets' ${targets.thinkTimeSeconds} s does not fit a journey into this short a run)`
    : `think ${pace.thinkTimeSeconds} s`;
}

function round3(value: number): number {
  return Math.floor(value * 1000) / 1000;
}
