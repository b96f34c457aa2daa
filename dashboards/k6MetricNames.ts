// k6 metrics as the run's Prometheus stores them (`-o experimental-prometheus-rw`, trends as native histograms):
// `k6_` + the k6 name + a suffix by type. Checked against k6 v1.8.1 and Prometheus 2.42 through the remote-write
// receiver: counters end `_total`, rates `_rate`, time trends `_seconds` (native histograms), gauges have no suffix.

import { METRIC_NAMES } from '../scenarios/lib/metricNames.ts';

export type K6MetricKind = 'counter' | 'gauge' | 'rate' | 'timeTrend';

const SUFFIX: Record<K6MetricKind, string> = { counter: '_total', gauge: '', rate: '_rate', timeTrend: '_seconds' };

/** The Prometheus name of a k6 metric, e.g. (`http_req_duration`, timeTrend) → `k6_http_req_duration_seconds`. */
export function k6PrometheusName(k6Name: string, kind: K6MetricKind): string {
  return `k6_${k6Name}${SUFFIX[kind]}`;
}

export const K6_METRICS = {
  vus: k6PrometheusName('vus', 'gauge'),
  vusMax: k6PrometheusName('vus_max', 'gauge'),
  httpReqs: k6PrometheusName('http_reqs', 'counter'),
  httpReqDuration: k6PrometheusName('http_req_duration', 'timeTrend'),
  httpReqFailed: k6PrometheusName('http_req_failed', 'rate'),
  checks: k6PrometheusName('checks', 'rate'),
  iterations: k6PrometheusName('iterations', 'counter'),
  iterationDuration: k6PrometheusName('iteration_duration', 'timeTrend'),
  droppedIterations: k6PrometheusName('dropped_iterations', 'counter'),
  dataSent: k6PrometheusName('data_sent', 'counter'),
  dataReceived: k6PrometheusName('data_received', 'counter'),
  journeyDuration: k6PrometheusName(METRIC_NAMES.journeyDuration, 'timeTrend'),
  journeysStarted: k6PrometheusName(METRIC_NAMES.journeysStarted, 'counter'),
  enrollmentsConfirmed: k6PrometheusName(METRIC_NAMES.enrollmentsConfirmed, 'counter'),
  oracleMismatches: k6PrometheusName(METRIC_NAMES.oracleMismatches, 'counter'),
  waitingRoomWait: k6PrometheusName(METRIC_NAMES.waitingRoomWait, 'timeTrend'),
} as const;

/** Tags k6 puts on its samples that the dashboards group by. `name` is the route pattern the scenarios set. */
export const K6_LABELS = {
  name: 'name',
  status: 'status',
  expectedResponse: 'expected_response',
  check: 'check',
  /** The consumer journey (scenarios/lib/journeyShape.ts JOURNEY_KINDS) a journey metric belongs to. */
  journey: 'journey',
} as const;
