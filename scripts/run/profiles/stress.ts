// stress: a step load of closed-model users with no think time, each step long enough to read its throughput and
// latency: the points `harness capacity --run` fits the Universal Scalability Law to.

import type { Profile } from './profile.ts';
import { withSloThresholds } from './thresholds.ts';

/** Users per step at scale 1 (rounded, at least 1, after scaling). */
export const STRESS_STEPS = [1, 2, 4, 8, 12, 16, 24, 32];
const STEP_SECONDS = 8;
/** Rise between steps: short against the hold, so each step's window is nearly all steady state. */
const RAMP_SECONDS = 1;
/** Journeys under way at the end get this long: a journey without think time takes milliseconds on a healthy exchange. */
const GRACEFUL_STOP_SECONDS = 10;
/**
 * Applicants are planned above what the steps can use, so none run out: a user with no think time finishes at most
 * about this many journeys a second (six requests of about a millisecond on the mock)…
 */
const JOURNEYS_PER_USER_SECOND = 150;
/** …and the exchange as a whole at most about this many, whatever the users (its single thread saturates). */
const JOURNEYS_PER_SECOND_CEILING = 800;

export function stressSteps(scale: number): number[] {
  return [...new Set(STRESS_STEPS.map((users) => Math.max(1, Math.round(users * scale))))];
}

export const stress: Profile = {
  name: 'stress',
  description: 'steps of closed-model users with no think time, for the capacity fit (harness capacity --run)',
  plan({ targets, scale, durationSeconds }) {
    const steps = stressSteps(scale);
    const stepSeconds = durationSeconds === undefined ? STEP_SECONDS : Math.max(2 * RAMP_SECONDS + 1, Math.floor(durationSeconds / steps.length));
    const stages = steps.flatMap((target) => [
      { seconds: RAMP_SECONDS, target },
      { seconds: stepSeconds - RAMP_SECONDS, target },
    ]);
    const journeys = steps.reduce((sum, users) => sum + Math.min(users * JOURNEYS_PER_USER_SECOND, JOURNEYS_PER_SECOND_CEILING) * stepSeconds, 0);
    return {
      applicants: Math.ceil(journeys),
      intendedEnrollments: undefined,
      loadPlan: {
        executor: { executor: 'ramping-vus', startUsers: steps[0]!, stages },
        gracefulStopSeconds: GRACEFUL_STOP_SECONDS,
        thresholds: withSloThresholds(targets),
      },
      maxUsers: Math.max(...steps),
      thinkTimeSeconds: 0,
      describe: `${steps.length} steps of ${stepSeconds} s at ${steps.join(', ')} users`,
    };
  },
};
