// Load overview: what k6 saw — virtual users, request rate, latency from native histograms, failures, checks,
// dropped iterations and the waiting room — with the targets of targets.yaml drawn on the panels.

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { Targets } from '../scripts/targets/schema.ts';
import { harnessDashboard, finish } from './defaults.ts';
import { K6_LABELS, K6_METRICS as K6 } from './k6MetricNames.ts';
import { query, statPanel, timeseriesPanel } from './panels.ts';
import { eq, nativeQuantile, select, share, sumIncrease, sumRate, zeroFilled, GRAFANA_VARIABLES } from './selectors.ts';

export const LOAD_OVERVIEW_UID = 'marketplace-load-overview';

const failed = eq(K6_LABELS.expectedResponse, 'false');

function virtualUsers() {
  return timeseriesPanel({
    title: 'Virtual users',
    description: 'Active k6 virtual users, and the most k6 may start (vus_max).',
    unit: units.Short,
    min: 0,
    queries: [query(`sum(${select(K6.vus)})`, 'active'), query(`sum(${select(K6.vusMax)})`, 'max')],
  });
}

function requestRate() {
  return timeseriesPanel({
    title: 'Request rate by route',
    description: 'HTTP requests per second k6 sent, by route pattern (the `name` tag the scenarios set).',
    unit: units.RequestsPerSecond,
    min: 0,
    queries: [query(sumRate(K6.httpReqs), 'all'), query(sumRate(K6.httpReqs, { by: [K6_LABELS.name] }), '{{name}}')],
  });
}

function latencyPercentiles(targets: Targets) {
  return timeseriesPanel({
    title: 'Request latency percentiles',
    description: 'p50, p95 and p99 of http_req_duration over all requests, from k6 native histograms. Dashed: the p95 and p99 targets.',
    unit: units.Seconds,
    min: 0,
    lines: [
      { value: targets.slo.p95Ms / 1000, color: 'orange' },
      { value: targets.slo.p99Ms / 1000, color: 'red' },
    ],
    queries: [0.5, 0.95, 0.99].map((q) => query(nativeQuantile(q, K6.httpReqDuration), `p${q * 100}`)),
  });
}

function latencyByRoute(targets: Targets) {
  return timeseriesPanel({
    title: 'p95 latency by route',
    description: 'p95 of http_req_duration per route pattern. Dashed: the p95 target.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.p95Ms / 1000, color: 'red' }],
    queries: [query(nativeQuantile(0.95, K6.httpReqDuration, { by: [K6_LABELS.name] }), '{{name}}')],
  });
}

function failedRequests(targets: Targets) {
  const byRoute = { by: [K6_LABELS.name] };
  return timeseriesPanel({
    title: 'Failed requests',
    description: 'Share of requests with an unexpected status (k6 expected_response="false"), overall and by route. Dashed: the error-rate target.',
    unit: units.PercentUnit,
    min: 0,
    lines: [{ value: targets.slo.errorRate, color: 'red' }],
    queries: [
      query(share(sumRate(K6.httpReqs, { matchers: [failed] }), sumRate(K6.httpReqs)), 'all routes'),
      query(share(sumRate(K6.httpReqs, { ...byRoute, matchers: [failed] }), sumRate(K6.httpReqs, byRoute)), '{{name}}'),
    ],
  });
}

function checks(targets: Targets) {
  return timeseriesPanel({
    title: 'Checks passed',
    description: 'Share of each response check that passed since the run began (k6 checks rate). Below the dashed line the run misses its error-rate target.',
    unit: units.PercentUnit,
    min: 0,
    max: 1,
    baseColor: 'red',
    lines: [{ value: 1 - targets.slo.errorRate, color: 'green' }],
    queries: [query(`min by (${K6_LABELS.check}) (${select(K6.checks)})`, '{{check}}')],
  });
}

function droppedIterations() {
  return timeseriesPanel({
    title: 'Iterations and dropped iterations',
    description: 'Journeys completed per second, and iterations k6 could not start for lack of VUs (arrival-rate executors): any drop means the load asked for was not applied.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [
      query(sumRate(K6.iterations), 'completed'),
      query(zeroFilled(sumRate(K6.droppedIterations), sumRate(K6.iterations)), 'dropped'),
    ],
  });
}

function waitingRoomWait(targets: Targets) {
  return timeseriesPanel({
    title: 'Waiting-room wait (consumer side)',
    description: 'Time simulated consumers spent in the waiting room before admission, p50/p95/p99. Dashed: the longest a consumer waits before giving up.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.waitingRoomWaitSeconds, color: 'red' }],
    queries: [0.5, 0.95, 0.99].map((q) => query(nativeQuantile(q, K6.waitingRoomWait), `p${q * 100}`)),
  });
}

function enrollmentsAndMismatches() {
  return timeseriesPanel({
    title: 'Enrollments confirmed and oracle mismatches',
    description: 'Confirmations received by simulated consumers per second, and answers that differ from the applicant’s oracle (should stay at zero).',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [
      query(sumRate(K6.enrollmentsConfirmed), 'confirmed'),
      query(zeroFilled(sumRate(K6.oracleMismatches), sumRate(K6.iterations)), 'oracle mismatches'),
    ],
  });
}

function journeyDuration() {
  const byJourney = { by: [K6_LABELS.journey] };
  return timeseriesPanel({
    title: 'Journey duration',
    description: 'One consumer’s completed journey (browse, apply, enroll, returning), think time and waiting room included: p95 by journey.',
    unit: units.Seconds,
    min: 0,
    queries: [query(nativeQuantile(0.95, K6.journeyDuration, byJourney), `p95 {{${K6_LABELS.journey}}}`)],
  });
}

function journeysByKind() {
  return timeseriesPanel({
    title: 'Journeys started by kind',
    description: 'Consumers arriving per second by journey: the funnel of targets.yaml (browse, apply, enroll, returning) as run.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(K6.journeysStarted, { by: [K6_LABELS.journey] }), `{{${K6_LABELS.journey}}}`)],
  });
}

function runTotals() {
  const overRun = { window: GRAFANA_VARIABLES.range };
  return statPanel({
    title: 'Run totals',
    description: 'Over the dashboard’s time range: requests sent, enrollments confirmed, oracle mismatches.',
    unit: units.Short,
    span: 24,
    queries: [
      query(sumIncrease(K6.httpReqs, overRun), 'requests'),
      query(sumIncrease(K6.enrollmentsConfirmed, overRun), 'enrollments confirmed'),
      query(zeroFilled(sumIncrease(K6.oracleMismatches, overRun), sumIncrease(K6.iterations, overRun)), 'oracle mismatches'),
    ],
  });
}

export function loadOverviewDashboard(targets: Targets): dashboard.Dashboard {
  const builder = harnessDashboard({
    uid: LOAD_OVERVIEW_UID,
    title: 'Marketplace harness / Load overview',
    description: 'What k6 saw during one run: load applied, latency, failures, checks and the waiting room, against targets.yaml.',
  })
    .withPanel(runTotals())
    .withPanel(virtualUsers())
    .withPanel(requestRate())
    .withPanel(latencyPercentiles(targets))
    .withPanel(latencyByRoute(targets))
    .withPanel(failedRequests(targets))
    .withPanel(checks(targets))
    .withPanel(droppedIterations())
    .withPanel(waitingRoomWait(targets))
    .withPanel(enrollmentsAndMismatches())
    .withPanel(journeysByKind())
    .withPanel(journeyDuration());
  return finish(builder);
}
