// The open-model plan the arrival-rate profiles share (load, spike, soak, breakpoint): journeys start at a planned
// rate whatever the exchange's speed, as real consumers arrive, so a slow exchange cannot slow the load down
// (no coordinated omission). Arrivals the engine could not start for the cap on journeys in flight
// (journeys_dropped) are gated.

import type { RampingArrivalRate, Stage } from '../../../engine/plan.ts';
import { plannedArrivals } from '../../../engine/schedule.ts';
import { UsageError } from '../../../vocabulary/errors.ts';
import type { Targets } from '../../../vocabulary/targets.ts';
import type { JourneyPace } from './journeyPace.ts';
import type { ProfilePlan } from './profile.ts';
import { abortingOnFail, droppedJourneysAllowed, droppedJourneysThreshold, withSloThresholds } from './thresholds.ts';

/**
 * Applicants one run may use: every journey takes a new household, and each engine worker holds its share of them
 * in memory (about 1 KB each). Profiles cap their load to it, or refuse with what to do.
 */
export const APPLICANT_BUDGET = 2_000_000;
/** Journeys in flight beyond the peak rate times the longest journey: room for the arrivals of the last instant. */
const IN_FLIGHT_MARGIN = 2;

export interface OpenModelInput {
  profile: string;
  targets: Targets;
  pace: JourneyPace;
  /** Journeys a second at the start. */
  startRate: number;
  /** Each stage ramps linearly to its `target`, in journeys a second, over its `seconds`. */
  stages: Stage[];
  /** When given, every threshold aborts the test once crossed, judged after this many seconds of load. */
  abortOnFailAfterSeconds?: number;
  describe: string;
}

export function openModelPlan(input: OpenModelInput): ProfilePlan {
  const { pace, targets, stages } = input;
  // At most every journey under way at the peak rate lasting as long as the longest journey (Little's law at its worst).
  const peakRate = Math.max(input.startRate, ...stages.map((s) => s.target));
  const maxInFlight = Math.ceil(peakRate * pace.longestJourneySeconds) + IN_FLIGHT_MARGIN;
  const executor: RampingArrivalRate = { executor: 'ramping-arrival-rate', startRate: input.startRate, stages, maxInFlight };
  // The engine starts exactly these arrivals (engine/schedule.ts), journey k taking applicant k.
  const journeys = plannedArrivals(executor);
  if (journeys > APPLICANT_BUDGET) {
    throw new UsageError(
      `profile ${input.profile} at this --scale and --duration`,
      `at most ${APPLICANT_BUDGET.toLocaleString('en-US')} applicants (every journey takes a new one)`,
      `It would need ${journeys.toLocaleString('en-US')}: lower --scale or --duration.`,
    );
  }
  const maxDroppedJourneys = droppedJourneysAllowed(targets, journeys);
  const dropped = droppedJourneysThreshold(maxDroppedJourneys);
  return {
    applicants: journeys,
    intendedEnrollments: undefined,
    loadPlan: {
      executor,
      gracefulStopSeconds: pace.gracefulStopSeconds,
      thresholds:
        input.abortOnFailAfterSeconds === undefined
          ? withSloThresholds(targets, dropped)
          : abortingOnFail(withSloThresholds(targets, dropped), input.abortOnFailAfterSeconds),
    },
    maxUsers: maxInFlight,
    thinkTimeSeconds: pace.thinkTimeSeconds,
    journeyMix: pace.mix,
    maxDroppedJourneys,
    describe: `${input.describe}; ${journeys.toLocaleString('en-US')} journeys, at most ${maxInFlight.toLocaleString('en-US')} in flight`,
  };
}
