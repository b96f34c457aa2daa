// soak: the target's arrival rate held for hours, to find what only time shows (memory growth, p95 drift, a
// filling queue). Bounded: at most a day, and at most the applicants one run can hold, lowering the rate if needed.

import { UsageError } from '../../../vocabulary/errors.ts';
import { consumersFor, describeThink, journeysPerSecond } from './journeyPace.ts';
import { APPLICANT_BUDGET, openModelPlan } from './openModel.ts';
import type { Profile } from './profile.ts';

const DEFAULT_SECONDS = 4 * 3600;
export const SOAK_MAX_SECONDS = 24 * 3600;
/** Ramp up over this share of the run; the rest is held. */
const RAMP_SHARE = 0.05;
/** A capped rate plans a little under the applicant budget, not on its edge, where a journey rounded up would pass it. */
const BUDGET_SHARE = 0.95;

export const soak: Profile = {
  name: 'soak',
  description: 'the target arrival rate held for hours (4 h by default, at most 24 h), lowered to fit the applicant budget when needed',
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users } = consumersFor(input, DEFAULT_SECONDS, input.targets.funnel);
    if (seconds > SOAK_MAX_SECONDS) {
      throw new UsageError(`soak --duration ${seconds} s`, `at most ${SOAK_MAX_SECONDS / 3600} h`, 'Give a shorter --duration.');
    }
    const ramp = Math.max(1, Math.round(seconds * RAMP_SHARE));
    const hold = seconds - ramp;
    // Journeys = rate · (ramp / 2 + hold); above the budget the rate is lowered and the plan says so.
    const budgetRate = (APPLICANT_BUDGET * BUDGET_SHARE) / (ramp / 2 + hold);
    const targetRate = journeysPerSecond(users, pace);
    const rate = Math.min(targetRate, budgetRate);
    const capped = rate < targetRate ? ` (capped from ${targetRate.toFixed(2)} by the ${APPLICANT_BUDGET.toLocaleString('en-US')}-applicant budget)` : '';
    return openModelPlan({
      profile: 'soak',
      targets,
      pace,
      startRate: 0,
      stages: [
        { seconds: ramp, target: rate },
        { seconds: hold, target: rate },
      ],
      describe: `${rate.toFixed(2)} journeys/s${capped} held ${hold} s after a ${ramp} s ramp (${describeThink(pace, targets)})`,
    });
  },
};
