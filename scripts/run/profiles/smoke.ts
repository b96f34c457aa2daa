// smoke: a few VUs take every applicant once through the enrollment journey, no think time. Proves the whole path.

import type { Profile } from './profile.ts';

const APPLICANTS = 20;
const VUS = 2;
/** A scaled-up smoke run stays short: more applicants get more VUs, up to this many. */
const MAX_VUS = 50;

export const smoke: Profile = {
  name: 'smoke',
  description: 'a few VUs take every applicant through the enrollment journey once; proves the whole path',
  plan({ scale, durationSeconds }) {
    const applicants = Math.max(1, Math.round(APPLICANTS * scale));
    const vus = Math.min(applicants, Math.max(VUS, Math.min(MAX_VUS, Math.round(VUS * scale))));
    const maxDuration = `${Math.round(durationSeconds ?? 120)}s`;
    return {
      applicants,
      intendedEnrollments: applicants,
      scenario: { executor: 'shared-iterations', vus, iterations: applicants, maxDuration },
      maxVUs: vus,
      thinkTimeSeconds: 0,
      describe: `${applicants} iterations on up to ${vus} VUs (at most ${maxDuration})`,
    };
  },
};
