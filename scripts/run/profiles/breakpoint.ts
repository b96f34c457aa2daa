// breakpoint: arrivals ramp up without pause from nothing to ten times the target's rate; every SLO threshold
// aborts the test once crossed, so the run ends at the exchange's breaking point (the load's outcome 99) or passes
// the ramp.

import { ENROLL_ONLY } from '../../../vocabulary/journeys.ts';
import { consumersFor, describeThink, journeysPerSecond } from './journeyPace.ts';
import { APPLICANT_BUDGET, openModelPlan } from './openModel.ts';
import type { Profile } from './profile.ts';

/** The ramp's top, in multiples of the target's rate: far past launch day's 5×. */
export const BREAKPOINT_MULTIPLE = 10;
const DEFAULT_SECONDS = 20 * 60;
/** Thresholds may abort only after this share of the run, so a few early samples do not abort it. */
const ABORT_DELAY_SHARE = 0.05;
/** A capped ramp plans a little under the applicant budget, not on its edge, where a journey rounded up would pass it. */
const BUDGET_SHARE = 0.95;

export const breakpoint: Profile = {
  name: 'breakpoint',
  description: `arrivals ramp from 0 to ${BREAKPOINT_MULTIPLE}× the target's rate; the first SLO crossed aborts the run (the breaking point)`,
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users } = consumersFor(input, DEFAULT_SECONDS, ENROLL_ONLY);
    const targetRate = journeysPerSecond(users, pace);
    const wanted = BREAKPOINT_MULTIPLE * targetRate;
    // A linear ramp from 0 starts top · seconds / 2 journeys.
    const top = Math.min(wanted, (2 * APPLICANT_BUDGET * BUDGET_SHARE) / seconds);
    const capped = top < wanted ? ` (capped from ${wanted.toFixed(2)} by the applicant budget)` : '';
    const abortAfterSeconds = Math.max(1, seconds * ABORT_DELAY_SHARE);
    return openModelPlan({
      profile: 'breakpoint',
      targets,
      pace,
      startRate: 0,
      stages: [{ seconds, target: top }],
      abortOnFailAfterSeconds: abortAfterSeconds,
      describe: `0 → ${top.toFixed(2)} journeys/s${capped} over ${seconds} s, aborting at the first SLO crossed after ${abortAfterSeconds} s (${describeThink(pace, targets)})`,
    });
  },
};
