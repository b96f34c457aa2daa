// smoke: a few users take every applicant once through the enrollment journey, no think time. Proves the whole path.

import { NO_THINK_GRACEFUL_STOP_SECONDS, type Profile } from './profile.ts';
import { withSloThresholds } from './thresholds.ts';

const APPLICANTS = 20;
const USERS = 2;
/** A scaled-up smoke run stays short: more applicants get more users, up to this many. */
const MAX_USERS = 50;
const DEFAULT_MAX_SECONDS = 120;

export const smoke: Profile = {
  name: 'smoke',
  description: 'a few users take every applicant through the enrollment journey once; proves the whole path',
  plan({ targets, scale, durationSeconds }) {
    const applicants = Math.max(1, Math.round(APPLICANTS * scale));
    const users = Math.min(applicants, Math.max(USERS, Math.min(MAX_USERS, Math.round(USERS * scale))));
    const maxSeconds = durationSeconds ?? DEFAULT_MAX_SECONDS;
    return {
      applicants,
      intendedEnrollments: applicants,
      loadPlan: {
        executor: { executor: 'shared-iterations', users, iterations: applicants, maxSeconds },
        gracefulStopSeconds: NO_THINK_GRACEFUL_STOP_SECONDS,
        thresholds: withSloThresholds(targets),
      },
      maxUsers: users,
      thinkTimeSeconds: 0,
      describe: `${applicants} journeys shared by up to ${users} users (at most ${maxSeconds} s)`,
    };
  },
};
