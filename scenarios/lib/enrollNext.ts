// One iteration of an enrollment profile: the next unused applicant goes through the enrollment journey.
// Running out of applicants stops the test with a clear reason rather than looping on nothing.

import exec from 'k6/execution';
import { applicantFor, applicants } from './applicants.ts';
import { config } from './config.ts';
import { enrollJourney } from './journeys.ts';

export function enrollNext(): void {
  const household = applicantFor(exec.scenario.iterationInTest);
  if (!household) {
    exec.test.abort(`all ${applicants.length} applicants used: the profile planned too few for this exchange's speed; rerun with a larger --scale`);
    return;
  }
  enrollJourney(config.baseUrl, household, config.thinkTimeSeconds, config.maxQueueSeconds);
}
