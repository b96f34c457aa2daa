// What a load profile is: a k6 script and a plan — how many applicants, which k6 executor with which numbers —
// built from the targets file, the --scale factor and an optional --duration.

import type { JourneyMix } from '../../../scenarios/consumers/journeyShape.ts';
import type { Targets } from '../../targets/schema.ts';
import type { K6Thresholds } from './thresholds.ts';

export interface PlanInput {
  targets: Targets;
  /** Multiplies the profile's load; 0.01 makes a quick run. */
  scale: number;
  /** Total duration asked for with --duration, in seconds, when given. */
  durationSeconds?: number;
}

export interface ProfilePlan {
  /** Synthetic households to generate; every iteration takes the next one, so none enrolls twice. */
  applicants: number;
  /** Enrollments a healthy run confirms: every applicant in a count-based profile; undefined in a time-based one. */
  intendedEnrollments: number | undefined;
  /** The k6 scenario (executor and its numbers), passed to the script through the run configuration. */
  scenario: Record<string, unknown> & { executor: string };
  /** The most VUs the scenario can use, for the run's one-line description. */
  maxVUs: number;
  thinkTimeSeconds: number;
  /** The journeys consumers make and their shares (the targets' funnel); only enrollments when not given. */
  journeyMix?: JourneyMix;
  /** Thresholds beyond the SLOs every run has (`sloThresholds`); a metric named here replaces its SLO thresholds. */
  thresholds?: K6Thresholds;
  /** Open-model profiles: iterations k6 may drop (load never sent) before the verdict fails. */
  maxDroppedIterations?: number;
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
