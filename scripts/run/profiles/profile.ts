// What a load profile is: a plan — how many applicants, and the engine's LoadPlan (executor, numbers, graceful stop,
// thresholds) — built from the targets file, the --scale factor and an optional --duration.

import type { LoadPlan } from '../../../engine/plan.ts';
import type { JourneyMix } from '../../../vocabulary/journeys.ts';
import type { Targets } from '../../../vocabulary/targets.ts';

/**
 * The graceful stop of a profile whose journeys have no think time: a journey still under way at the end gets this
 * long to finish, many times a healthy journey's length.
 */
export const NO_THINK_GRACEFUL_STOP_SECONDS = 30;

export interface PlanInput {
  targets: Targets;
  /** Multiplies the profile's load; 0.01 makes a quick run. */
  scale: number;
  /** Total duration asked for with --duration, in seconds, when given. */
  durationSeconds?: number;
}

export interface ProfilePlan {
  /** Synthetic households to generate; every journey takes the next one, so none enrolls twice. */
  applicants: number;
  /** Enrollments a healthy run confirms: every applicant in a count-based profile; undefined in a time-based one. */
  intendedEnrollments: number | undefined;
  /** What the engine runs: the executor and its numbers, the graceful stop, every threshold (the SLOs' included). */
  loadPlan: LoadPlan;
  /** The most users (journeys in flight, or closed-model users) the plan can have at once: the run's one line, shard sizing. */
  maxUsers: number;
  thinkTimeSeconds: number;
  /** The journeys consumers make and their shares (the targets' funnel); only enrollments when not given. */
  journeyMix?: JourneyMix;
  /** Open-model profiles: planned journeys the engine may drop (load never sent) before the verdict fails. */
  maxDroppedJourneys?: number;
  /** How the harness starts the exchange for this profile (the security profile probes its rate limit). */
  exchange?: { rateLimitPerMinute?: number };
  /** One line for people: what this plan will do. */
  describe: string;
}

export interface Profile {
  name: string;
  description: string;
  plan(input: PlanInput): ProfilePlan;
}
