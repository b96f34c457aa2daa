// concurrency: N real VUs held for the whole run, each a consumer in think time making the funnel's journeys'
// requests at the targets' pace: proves how many concurrent users one machine can simulate (npm run bench vus).

import { UsageError } from '../../usageError.ts';
import { consumersFor, describeThink } from './journeyPace.ts';
import { APPLICANT_BUDGET } from './openModel.ts';
import type { Profile } from './profile.ts';

/** 10 minutes: long enough for the targets' 30 s think time (journeys of about 2 minutes) to be kept. */
const DEFAULT_SECONDS = 600;

export const concurrency: Profile = {
  name: 'concurrency',
  description: "N VUs (the target's concurrent users) held in think time for the whole run, making real requests at the targets' pace",
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users: vus } = consumersFor(input, DEFAULT_SECONDS, input.targets.funnel);
    // A VU makes at most one journey per shortest journey (every pause at its shortest) and the think time it waits
    // before the next (scenarios/concurrency.ts), plus the one under way.
    const cycle = pace.shortestJourneySeconds + pace.thinkTimeSeconds;
    const perVu = cycle > 0 ? Math.ceil(seconds / cycle) + 1 : Number.POSITIVE_INFINITY;
    const applicants = vus * perVu;
    if (!(applicants <= APPLICANT_BUDGET)) {
      throw new UsageError(
        `profile concurrency at this --scale and --duration`,
        `at most ${APPLICANT_BUDGET.toLocaleString('en-US')} applicants and a think time above 0`,
        `${vus} VUs for ${seconds} s with ${pace.thinkTimeSeconds} s think time would need ${applicants.toLocaleString('en-US')}: lower --scale, or lengthen --duration.`,
      );
    }
    return {
      applicants,
      intendedEnrollments: undefined,
      scenario: { executor: 'constant-vus', vus, duration: `${Math.round(seconds)}s`, gracefulStop: pace.gracefulStop },
      maxVUs: vus,
      thinkTimeSeconds: pace.thinkTimeSeconds,
      journeyMix: pace.mix,
      describe: `${vus.toLocaleString('en-US')} VUs for ${Math.round(seconds)} s, ${describeThink(pace, targets)} (each starts within one think time)`,
    };
  },
};
