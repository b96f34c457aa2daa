// Thresholds from the targets file, in the engine's form: the SLOs and the oracle every profile gates on, and the
// aborting form a breakpoint test uses to stop at the first SLO it breaks.

import { ENGINE_METRICS } from '../../../vocabulary/metrics/engine.ts';
import type { Threshold } from '../../../engine/plan.ts';
import type { Targets } from '../../../vocabulary/targets.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';

/** Metric key (optionally with a tag filter) → its thresholds, as a LoadPlan holds them. */
export type Thresholds = Record<string, Threshold[]>;

const expressions = (...list: string[]): Threshold[] => list.map((expression) => ({ expression }));

export function sloThresholds(targets: Targets): Thresholds {
  return {
    [ENGINE_METRICS.requestDuration]: expressions(`p(95)<${targets.slo.p95Ms}`, `p(99)<${targets.slo.p99Ms}`),
    [ENGINE_METRICS.requestFailed]: expressions(`rate<=${targets.slo.errorRate}`),
    [METRIC_NAMES.oracleMismatches]: expressions(`count<=${targets.integrity.maxOracleMismatches}`),
  };
}

/** Every run's thresholds: the SLOs', with the profile's own added (a metric the profile names replaces its SLO ones). */
export function withSloThresholds(targets: Targets, own: Thresholds = {}): Thresholds {
  return { ...sloThresholds(targets), ...own };
}

/** Journeys an open-model run may drop (planned but never started: the cap on journeys in flight reached): at most the error budget's share. */
export function droppedJourneysAllowed(targets: Targets, plannedJourneys: number): number {
  return Math.floor(targets.slo.errorRate * plannedJourneys);
}

/** The gate on dropped journeys, keyed by the engine's metric. */
export function droppedJourneysThreshold(maxDropped: number): Thresholds {
  return { [ENGINE_METRICS.journeysDropped]: expressions(`count<=${maxDropped}`) };
}

/** The same thresholds, each aborting the test once crossed, judged only after `afterSeconds` of load. */
export function abortingOnFail(thresholds: Thresholds, afterSeconds: number): Thresholds {
  return Object.fromEntries(
    Object.entries(thresholds).map(([metric, list]) => [
      metric,
      list.map((t) => ({ expression: t.expression, abortOnFail: true, abortAfterSeconds: afterSeconds })),
    ]),
  );
}
