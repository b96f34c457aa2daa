// The open-model plan the arrival-rate profiles share (load, spike, soak, breakpoint): journeys start at a planned
// rate whatever the exchange's speed, as real consumers arrive, so a slow exchange cannot slow the load down
// (no coordinated omission). Load k6 could not send for want of a free VU (dropped_iterations) is gated.

import { UsageError } from '../../usageError.ts';
import type { Targets } from '../../targets/schema.ts';
import type { JourneyPace } from './journeyPace.ts';
import type { ProfilePlan } from './profile.ts';
import { abortingOnFail, droppedIterationsAllowed, sloThresholds, type K6Thresholds } from './thresholds.ts';

/**
 * Applicants one run may use: every journey takes a new household, and k6 holds them all in memory
 * (about 1 KB each). Profiles cap their load to it, or refuse with what to do.
 */
export const APPLICANT_BUDGET = 2_000_000;
/** Rates are given to k6 per minute: its rates are whole numbers, and a scaled-down run may start under one journey a second. */
const TIME_UNIT_SECONDS = 60;
/** Extra VUs beyond Little's law's mean, for the spread of journey times. */
const VU_HEADROOM = 1.2;

export interface RateStage {
  seconds: number;
  /** Journeys a second at the end of the stage (k6 ramps linearly to it). */
  rate: number;
}

export interface OpenModelInput {
  profile: string;
  targets: Targets;
  pace: JourneyPace;
  /** Journeys a second at the start. */
  startRate: number;
  stages: RateStage[];
  /** VUs are initialised before the start for this rate (journeys a second; default the peak), the rest as needed. */
  preAllocateForRate?: number;
  /** When given, every threshold aborts the test once crossed, judged after this long (k6 delayAbortEval, e.g. '10s'). */
  abortOnFailAfter?: string;
  describe: string;
}

/** Journeys the stages start: the area under the rate curve, at k6's whole-number rates. */
export function plannedJourneys(startRate: number, stages: RateStage[]): number {
  let from = perUnit(startRate);
  let journeys = 0;
  for (const stage of stages) {
    const to = perUnit(stage.rate);
    journeys += (((from + to) / 2) * stage.seconds) / TIME_UNIT_SECONDS;
    from = to;
  }
  return Math.ceil(journeys);
}

export function openModelPlan(input: OpenModelInput): ProfilePlan {
  const { pace, targets, stages } = input;
  const journeys = plannedJourneys(input.startRate, stages);
  // Rounding at each stage boundary may start a journey or two more than the area; a margin keeps any from running out.
  const applicants = Math.ceil(journeys * 1.02) + stages.length + 10;
  if (applicants > APPLICANT_BUDGET) {
    throw new UsageError(
      `profile ${input.profile} at this --scale and --duration`,
      `at most ${APPLICANT_BUDGET.toLocaleString('en-US')} applicants (k6 holds them in memory)`,
      `It would need ${applicants.toLocaleString('en-US')}: lower --scale or --duration.`,
    );
  }
  // Journeys a second at the peak, as k6 will run it (whole journeys per time unit).
  const peakRate = Math.max(perUnit(input.startRate), ...stages.map((s) => perUnit(s.rate))) / TIME_UNIT_SECONDS;
  const maxVUs = Math.ceil(peakRate * pace.longestJourneySeconds) + 2;
  const maxDroppedIterations = droppedIterationsAllowed(targets, journeys);
  const dropped: K6Thresholds = { dropped_iterations: [`count<=${maxDroppedIterations}`] };
  return {
    applicants,
    intendedEnrollments: undefined,
    scenario: {
      executor: 'ramping-arrival-rate',
      startRate: perUnit(input.startRate),
      timeUnit: `${TIME_UNIT_SECONDS}s`,
      preAllocatedVUs: Math.min(maxVUs, Math.ceil((input.preAllocateForRate ?? peakRate) * pace.meanJourneySeconds * VU_HEADROOM) + 2),
      maxVUs,
      stages: stages.map((s) => ({ duration: `${Math.round(s.seconds)}s`, target: perUnit(s.rate) })),
      gracefulStop: pace.gracefulStop,
    },
    maxVUs,
    thinkTimeSeconds: pace.thinkTimeSeconds,
    journeyMix: pace.mix,
    thresholds: input.abortOnFailAfter ? abortingOnFail({ ...sloThresholds(targets), ...dropped }, input.abortOnFailAfter) : dropped,
    maxDroppedIterations,
    describe: `${input.describe}; ${journeys.toLocaleString('en-US')} journeys on up to ${maxVUs.toLocaleString('en-US')} VUs`,
  };
}

function perUnit(ratePerSecond: number): number {
  return Math.round(ratePerSecond * TIME_UNIT_SECONDS);
}
