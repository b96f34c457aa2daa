// Load overview: what the load engine saw — active users, request rate, latency from native histograms, failures, checks,
// dropped iterations and the waiting room — with the targets of targets.yaml drawn on the panels.

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { Targets } from '../vocabulary/targets.ts';
import { harnessDashboard, finish } from './defaults.ts';
import { LOAD_LABELS as L, LOAD_METRICS as K } from '../vocabulary/metrics/load.ts';
import { query, statPanel, timeseriesPanel } from './panels.ts';
import { nativeQuantile, select, share, sumIncrease, sumRate, zeroFilled, GRAFANA_VARIABLES } from './selectors.ts';

export const LOAD_OVERVIEW_UID = 'marketplace-load-overview';

function virtualUsers() {
  return timeseriesPanel({
    title: 'Active users',
    description: 'Simulated consumers the engine had under way: journeys in flight (open model) or users running (closed model).',
    unit: units.Short,
    min: 0,
    queries: [query(`sum(${select(K.activeUsers)})`, 'active')],
  });
}

function requestRate() {
  return timeseriesPanel({
    title: 'Request rate by route',
    description: 'HTTP requests per second the engine sent, by route pattern (the `name` tag the journeys set).',
    unit: units.RequestsPerSecond,
    min: 0,
    queries: [query(sumRate(K.requests), 'all'), query(sumRate(K.requests, { by: [L.name] }), '{{name}}')],
  });
}

function latencyPercentiles(targets: Targets) {
  return timeseriesPanel({
    title: 'Request latency percentiles',
    description:
      "p50, p95 and p99 of http_req_duration over all requests (from each scheduled send), from the engine's native histograms. Dashed: the p95 and p99 targets.",
    unit: units.Seconds,
    min: 0,
    lines: [
      { value: targets.slo.p95Ms / 1000, color: 'orange' },
      { value: targets.slo.p99Ms / 1000, color: 'red' },
    ],
    queries: [0.5, 0.95, 0.99].map((q) => query(nativeQuantile(q, K.requestDuration), `p${q * 100}`)),
  });
}

function latencyByRoute(targets: Targets) {
  return timeseriesPanel({
    title: 'p95 latency by route',
    description: 'p95 of http_req_duration per route pattern. Dashed: the p95 target.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.p95Ms / 1000, color: 'red' }],
    queries: [query(nativeQuantile(0.95, K.requestDuration, { by: [L.name] }), '{{name}}')],
  });
}

function failedRequests(targets: Targets) {
  const byRoute = { by: [L.name] };
  return timeseriesPanel({
    title: 'Failed requests',
    description: 'Share of requests that failed (no response, or a status of 400 and above), overall and by route. Dashed: the error-rate target.',
    unit: units.PercentUnit,
    min: 0,
    lines: [{ value: targets.slo.errorRate, color: 'red' }],
    queries: [
      query(share(sumRate(K.requestFailed.true), sumRate(K.requestFailed.samples)), 'all routes'),
      query(share(sumRate(K.requestFailed.true, byRoute), sumRate(K.requestFailed.samples, byRoute)), '{{name}}'),
    ],
  });
}

function checks(targets: Targets) {
  return timeseriesPanel({
    title: 'Checks passed',
    description: 'Share of each response check that passed since the run began. Below the dashed line the run misses its error-rate target.',
    unit: units.PercentUnit,
    min: 0,
    max: 1,
    baseColor: 'red',
    lines: [{ value: 1 - targets.slo.errorRate, color: 'green' }],
    queries: [query(`sum by (${L.check}) (${select(K.checks.true)}) / sum by (${L.check}) (${select(K.checks.samples)})`, '{{check}}')],
  });
}

function droppedIterations() {
  return timeseriesPanel({
    title: 'Journeys started and dropped',
    description:
      'Journeys started per second, and arrivals the engine dropped at its cap on journeys in flight (open model): any drop means the load asked for was not applied.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(K.journeys), 'started'), query(zeroFilled(sumRate(K.journeysDropped), sumRate(K.journeys)), 'dropped')],
  });
}

function waitingRoomWait(targets: Targets) {
  return timeseriesPanel({
    title: 'Waiting-room wait (consumer side)',
    description: 'Time simulated consumers spent in the waiting room before admission, p50/p95/p99. Dashed: the longest a consumer waits before giving up.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.waitingRoomWaitSeconds, color: 'red' }],
    queries: [0.5, 0.95, 0.99].map((q) => query(nativeQuantile(q, K.waitingRoomWait), `p${q * 100}`)),
  });
}

function enrollmentsAndMismatches() {
  return timeseriesPanel({
    title: 'Enrollments confirmed and oracle mismatches',
    description: 'Confirmations received by simulated consumers per second, and answers that differ from the applicant’s oracle (should stay at zero).',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(K.enrollmentsConfirmed), 'confirmed'), query(zeroFilled(sumRate(K.oracleMismatches), sumRate(K.journeys)), 'oracle mismatches')],
  });
}

function journeyDuration() {
  const byJourney = { by: [L.journey] };
  return timeseriesPanel({
    title: 'Journey duration',
    description: 'One consumer’s completed journey (browse, apply, enroll, returning), think time and waiting room included: p95 by journey.',
    unit: units.Seconds,
    min: 0,
    queries: [query(nativeQuantile(0.95, K.journeyDuration, byJourney), `p95 {{${L.journey}}}`)],
  });
}

function journeysByKind() {
  return timeseriesPanel({
    title: 'Journeys started by kind',
    description: 'Consumers arriving per second by journey: the funnel of targets.yaml (browse, apply, enroll, returning) as run.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(K.journeysStarted, { by: [L.journey] }), `{{${L.journey}}}`)],
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
      query(sumIncrease(K.requests, overRun), 'requests'),
      query(sumIncrease(K.enrollmentsConfirmed, overRun), 'enrollments confirmed'),
      query(zeroFilled(sumIncrease(K.oracleMismatches, overRun), sumIncrease(K.journeys, overRun)), 'oracle mismatches'),
    ],
  });
}

export function loadOverviewDashboard(targets: Targets): dashboard.Dashboard {
  const builder = harnessDashboard({
    uid: LOAD_OVERVIEW_UID,
    title: 'Marketplace harness / Load overview',
    description: 'What the load engine saw during one run: load applied, latency, failures, checks and the waiting room, against targets.yaml.',
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
