// stress: a step load of closed-model VUs with no think time, each step long enough to read its throughput and
// latency: the points `harness capacity --run` fits the Universal Scalability Law to.

import type { Profile } from './profile.ts';

/** VUs per step at scale 1 (rounded, at least 1, after scaling). */
export const STRESS_STEPS = [1, 2, 4, 8, 12, 16, 24, 32];
const STEP_SECONDS = 8;
/** Rise between steps: short against the hold, so each step's window is nearly all steady state. */
const RAMP_SECONDS = 1;
/**
 * Applicants are planned above what the steps can use, so none run out: a VU with no think time finishes at most
 * about this many journeys a second (six requests of about a millisecond on the mock)…
 */
const JOURNEYS_PER_VU_SECOND = 150;
/** …and the exchange as a whole at most about this many, whatever the VUs (its single thread saturates). */
const JOURNEYS_PER_SECOND_CEILING = 800;

export function stressSteps(scale: number): number[] {
  return [...new Set(STRESS_STEPS.map((vus) => Math.max(1, Math.round(vus * scale))))];
}

export const stress: Profile = {
  name: 'stress',
  description: 'steps of closed-model VUs with no think time, for the capacity fit (harness capacity --run)',
  plan({ scale, durationSeconds }) {
    const steps = stressSteps(scale);
    const stepSeconds = durationSeconds === undefined ? STEP_SECONDS : Math.max(2 * RAMP_SECONDS + 1, Math.floor(durationSeconds / steps.length));
    const stages = steps.flatMap((target) => [
      { duration: `${RAMP_SECONDS}s`, target },
      { duration: `${stepSeconds - RAMP_SECONDS}s`, target },
    ]);
    const journeys = steps.reduce((sum, vus) => sum + Math.min(vus * JOURNEYS_PER_VU_SECOND, JOURNEYS_PER_SECOND_CEILING) * stepSeconds, 0);
    return {
      applicants: Math.ceil(journeys),
      intendedEnrollments: undefined,
      scenario: { executor: 'ramping-vus', startVUs: steps[0], stages, gracefulRampDown: '0s', gracefulStop: '10s' },
      maxVUs: Math.max(...steps),
      thinkTimeSeconds: 0,
      describe: `${steps.length} steps of ${stepSeconds} s at ${steps.join(', ')} VUs`,
    };
  },
};
