// k6 thresholds from the targets file: the SLOs and the oracle every profile gates on, and the aborting form a
// breakpoint test uses to stop at the first SLO it breaks.

import type { Targets } from '../../targets/schema.ts';
import { METRIC_NAMES } from '../../../scenarios/consumers/metricNames.ts';

/** k6's threshold forms: an expression, or one that aborts the test when crossed. */
export type K6Threshold = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };
export type K6Thresholds = Record<string, K6Threshold[]>;

export function sloThresholds(targets: Targets): K6Thresholds {
  return {
    http_req_duration: [`p(95)<${targets.slo.p95Ms}`, `p(99)<${targets.slo.p99Ms}`],
    http_req_failed: [`rate<=${targets.slo.errorRate}`],
    [METRIC_NAMES.oracleMismatches]: [`count<=${targets.integrity.maxOracleMismatches}`],
  };
}

/** Load an open-model run meant to send but never did (no VU free): at most the error budget's share of it. */
export function droppedIterationsAllowed(targets: Targets, plannedIterations: number): number {
  return Math.floor(targets.slo.errorRate * plannedIterations);
}

/** The same thresholds, each aborting the test once crossed, judged only after `delayAbortEval` of data. */
export function abortingOnFail(thresholds: K6Thresholds, delayAbortEval: string): K6Thresholds {
  return Object.fromEntries(
    Object.entries(thresholds).map(([metric, list]) => [
      metric,
      list.map((t) => ({ threshold: typeof t === 'string' ? t : t.threshold, abortOnFail: true, delayAbortEval })),
    ]),
  );
}
