// One iteration of a profile measuring the enrollment path (smoke, stress, breakpoint): the next unused applicant
// goes through the enrollment journey.

import { takeApplicant } from './applicants.ts';
import { config } from './config.ts';
import { consumerJourney } from './journeys.ts';

export function enrollNext(): void {
  const household = takeApplicant();
  if (household) consumerJourney('enroll', household, config);
}
