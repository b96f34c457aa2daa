// breakpoint: arrivals ramp up without pause from nothing to ten times the target's rate; every SLO threshold
// aborts the test once crossed, so the run ends at the exchange's breaking point (k6 exit 99) or passes the ramp.

import { ENROLL_ONLY } from '../../../scenarios/consumers/journeyShape.ts';
import { consumersFor, describeThink, journeysPerSecond } from './journeyPace.ts';
import { APPLICANT_BUDGET, openModelPlan } from './openModel.ts';
import type { Profile } from './profile.ts';

/** The ramp's top, in multiples of the target's rate: far past launch day's 5×. */
export const BREAKPOINT_MULTIPLE = 10;
const DEFAULT_SECONDS = 20 * 60;
/** Thresholds are judged after this share of the run (k6 delayAbortEval), so a few early samples do not abort it. */
const ABORT_DELAY_SHARE = 0.05;
const BUDGET_SHARE = 0.95;
/**
 * VUs initialised before the start when the whole ramp needs no more (about 0.5 MiB each): then no arrival is dropped
 * while k6 starts VUs mid-ramp, so a drop means the exchange could not keep up. Beyond it, VUs for the target's rate.
 */
const PREALLOCATE_ALL_UP_TO_VUS = 2_000;

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
    const delayAbortEval = `${Math.max(1, Math.round(seconds * ABORT_DELAY_SHARE))}s`;
    return openModelPlan({
      profile: 'breakpoint',
      targets,
      pace,
      startRate: 0,
      stages: [{ seconds, rate: top }],
      abortOnFailAfter: delayAbortEval,
      // The ramp starts at 0: a small ramp gets all its VUs up front; a large one those for the target's rate, the
      // rest started by k6 as the rate climbs.
      preAllocateForRate: top * pace.meanJourneySeconds <= PREALLOCATE_ALL_UP_TO_VUS ? top : targetRate,
      describe: `0 → ${top.toFixed(2)} journeys/s${capped} over ${seconds} s, aborting at the first SLO crossed after ${delayAbortEval} (${describeThink(pace, targets)})`,
    });
  },
};
