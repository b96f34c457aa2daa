// concurrency: N real users held for the whole run, each a consumer in think time making the funnel's journeys'
// requests at the targets' pace: proves how many concurrent users one machine can simulate (npm run bench vus).

import { UsageError } from '../../../vocabulary/errors.ts';
import { consumersFor, describeThink } from './journeyPace.ts';
import { APPLICANT_BUDGET } from './openModel.ts';
import type { Profile } from './profile.ts';
import { withSloThresholds } from './thresholds.ts';

/** 10 minutes: long enough for the targets' 30 s think time (journeys of about 2 minutes) to be kept. */
const DEFAULT_SECONDS = 600;

export const concurrency: Profile = {
  name: 'concurrency',
  description: "N users (the target's concurrent users) held in think time for the whole run, making real requests at the targets' pace",
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users } = consumersFor(input, DEFAULT_SECONDS, input.targets.funnel);
    // A user makes at most one journey per shortest journey (every pause at its shortest) and the think time it waits
    // before the next (scenarios/consumers/concurrency.ts), plus the one under way.
    const cycle = pace.shortestJourneySeconds + pace.thinkTimeSeconds;
    const perUser = cycle > 0 ? Math.ceil(seconds / cycle) + 1 : Number.POSITIVE_INFINITY;
    const applicants = users * perUser;
    if (!(applicants <= APPLICANT_BUDGET)) {
      throw new UsageError(
        `profile concurrency at this --scale and --duration`,
        `at most ${APPLICANT_BUDGET.toLocaleString('en-US')} applicants and a think time above 0`,
        `${users} users for ${seconds} s with ${pace.thinkTimeSeconds} s think time would need ${applicants.toLocaleString('en-US')}: lower --scale, or lengthen --duration.`,
      );
    }
    return {
      applicants,
      intendedEnrollments: undefined,
      loadPlan: {
        executor: { executor: 'constant-vus', users, seconds },
        gracefulStopSeconds: pace.gracefulStopSeconds,
        thresholds: withSloThresholds(targets),
      },
      maxUsers: users,
      thinkTimeSeconds: pace.thinkTimeSeconds,
      journeyMix: pace.mix,
      describe: `${users.toLocaleString('en-US')} users for ${seconds} s, ${describeThink(pace, targets)} (each starts within one think time)`,
    };
  },
};
