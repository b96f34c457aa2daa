// The load's metrics as the run's Prometheus stores them: the engine pushes them by remote write
// (prometheusNames.ts: `harness_` + the name + a suffix by kind; rates as two counters, trends as
// native histograms in seconds). The journeys' own metrics (marketplace_*) travel the same way.

import { counterName, ENGINE_LABELS, ENGINE_SERIES, trendName } from './prometheusNames.ts';
import { METRIC_NAMES } from './journeys.ts';

export const LOAD_METRICS = {
  activeUsers: ENGINE_SERIES.activeUsers,
  requests: ENGINE_SERIES.requests,
  requestDuration: ENGINE_SERIES.requestDuration,
  /** Two counters: every request, and the failed ones. */
  requestFailed: ENGINE_SERIES.requestFailed,
  /** Two counters: every check, and the passed ones. */
  checks: ENGINE_SERIES.checks,
  journeys: ENGINE_SERIES.journeys,
  journeysDropped: ENGINE_SERIES.journeysDropped,
  journeyDuration: trendName(METRIC_NAMES.journeyDuration),
  journeysStarted: counterName(METRIC_NAMES.journeysStarted),
  enrollmentsConfirmed: counterName(METRIC_NAMES.enrollmentsConfirmed),
  oracleMismatches: counterName(METRIC_NAMES.oracleMismatches),
  waitingRoomWait: trendName(METRIC_NAMES.waitingRoomWait),
} as const;

/** Labels the dashboards group by. `name` is the route pattern the journeys set. */
export const LOAD_LABELS = ENGINE_LABELS;
