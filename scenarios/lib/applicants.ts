// Applicants loaded once into a SharedArray: every VU reads the same memory, nothing is copied per VU.

import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import type { Household } from '../../domain/household.ts';
import { config } from './config.ts';

export const applicants = new SharedArray<Household>('applicants', () =>
  open(config.applicantsFile)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Household),
);

/**
 * Each iteration across all VUs takes the next applicant, so no applicant is used twice: by its number in the whole
 * test (unique across the instances of a split test, which may then share one file), or with `applicantIndex:
 * instance` by its number in this instance, from a file holding this instance's own slice. Running out stops the
 * test with a clear reason rather than looping on nothing.
 */
export function takeApplicant(): Household | undefined {
  const { iterationInTest, iterationInInstance } = exec.scenario;
  const index = config.applicantIndex === 'instance' ? iterationInInstance : iterationInTest;
  if (index < applicants.length) return applicants[index];
  exec.test.abort(`all ${applicants.length} applicants used: the profile planned too few for this exchange's speed; rerun with a larger --scale`);
  return undefined;
}
