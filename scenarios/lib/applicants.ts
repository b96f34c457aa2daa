// Applicants loaded once into a SharedArray: every VU reads the same memory, nothing is copied per VU.

import { SharedArray } from 'k6/data';
import type { Household } from '../../domain/household.ts';
import { config } from './config.ts';

export const applicants = new SharedArray<Household>('applicants', () =>
  open(config.applicantsFile)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Household),
);

/** Each iteration across all VUs takes the next applicant, so no applicant is used twice. */
export function applicantFor(iterationInTest: number): Household | undefined {
  return iterationInTest < applicants.length ? applicants[iterationInTest] : undefined;
}
