// An example of your own journeys for `harness run PROFILE --journeys examples/journeys/browsePlans.ts`: window
// shoppers who look up the plans and premiums at their ZIP, think, then look again for the subscriber alone.
// Written against the engine's runtime API (engine/runtime.ts) only; docs/journeys.md describes the contract.
// Copy it, change the requests, and point --journeys at your copy; tsconfig.json type-checks this folder.

import { ageOn, planYearStartOf } from '../../domain/ageCurve.ts';
import type { Journey, JourneyContext } from '../../engine/runtime.ts';
import type { Segment } from '../../engine/schedule.ts';
import { applicantFor, loadSegmentApplicants } from '../../scenarios/consumers/applicants.ts';
import { consumerOptions } from '../../scenarios/consumers/options.ts';

/** Share of a think time each pause takes at least; the pause is uniform in [MIN, 2 - MIN) times the mean. */
const THINK_MIN_SHARE = 0.5;

/** One page of the journey: the route's name tags every measurement (never a per-person URL), and the check counts. */
async function browse(context: JourneyContext, baseUrl: string, zip: string, planYear: number, ages: number[]): Promise<boolean> {
  const url = `${baseUrl}/api/v1/plans?zip=${encodeURIComponent(zip)}&planYear=${planYear}&ages=${ages.join(',')}`;
  const response = await context.get(url, { name: 'GET /api/v1/plans' });
  if (!context.check('plans browsed (200)', response.status === 200)) return false;
  const plans = (JSON.parse(response.body) as { plans?: unknown[] }).plans;
  return context.check('plans listed', Array.isArray(plans) && plans.length > 0);
}

/**
 * Called once per engine worker before the load starts, with the run's options (the exchange, the applicants file,
 * the think time …: ConsumerOptions in scenarios/consumers/options.ts) and the worker's segment of the test.
 * Load what the journeys need here; return the journey.
 */
export async function createJourney(options: unknown, segment: Segment): Promise<Journey> {
  const { baseUrl, applicantsFile, thinkTimeSeconds } = consumerOptions('browsePlans', options);
  const applicants = await loadSegmentApplicants(applicantsFile, segment);
  // Journey k of the whole test takes applicant k: the same seed gives the same people in every run.
  return async (context) => {
    const household = applicantFor(applicants, context.iteration);
    const planYear = household.expected.planYear;
    const ages = household.members.map((m) => ageOn(m.dob, planYearStartOf(planYear)));
    if (!(await browse(context, baseUrl, household.zip, planYear, ages))) return;
    context.counter('example_plan_lookups');
    await context.sleep(thinkTimeSeconds * (THINK_MIN_SHARE + Math.random() * 2 * (1 - THINK_MIN_SHARE)));
    await browse(context, baseUrl, household.zip, planYear, ages.slice(0, 1));
  };
}
