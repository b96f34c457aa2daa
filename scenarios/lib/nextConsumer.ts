// One iteration of a consumer-population profile (load, spike, soak, concurrency): the next arriving consumer makes
// the journey the targets' funnel gives its place in the arrivals, with the next unused applicant's household.

import exec from 'k6/execution';
import { takeApplicant } from './applicants.ts';
import { config } from './config.ts';
import { journeyFor } from './journeyShape.ts';
import { consumerJourney } from './journeys.ts';

export function nextConsumer(): void {
  const household = takeApplicant();
  // The journey by the arrival's place in the whole test, so a split test keeps the funnel's shares.
  if (household) consumerJourney(journeyFor(exec.scenario.iterationInTest, config.journeyMix), household, config);
}
