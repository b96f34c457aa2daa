// Exchange: what the mock exchange measured about itself — RED per route, requests in flight, the waiting room,
// and each process's memory, CPU and event-loop lag (every process when clustered).

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { EXCHANGE_LABELS as L, EXCHANGE_METRICS as M } from '../vocabulary/metrics/exchange.ts';
import type { Targets } from '../vocabulary/targets.ts';
import { harnessDashboard, finish } from './defaults.ts';
import { query, timeseriesPanel } from './panels.ts';
import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../vocabulary/metrics/process.ts';
import { classicQuantile, re, share, sumGauge, sumRate } from './selectors.ts';

export const EXCHANGE_UID = 'marketplace-exchange';

const PROCESS = processMetricNames(EXCHANGE_DEFAULT_METRICS_PREFIX);
const byRoute = { by: [L.route] };
const serverError = re(L.status, '5..');

function requestRate() {
  return timeseriesPanel({
    title: 'Rate: requests by route',
    description: 'Requests per second the exchange served, by route pattern (health and metrics included).',
    unit: units.RequestsPerSecond,
    min: 0,
    queries: [query(sumRate(M.httpRequests, byRoute), '{{route}}')],
  });
}

function errorRatio(targets: Targets) {
  return timeseriesPanel({
    title: 'Errors: 5xx share by route',
    description: 'Share of each route’s responses with a 5xx status. Dashed: the error-rate target.',
    unit: units.PercentUnit,
    min: 0,
    lines: [{ value: targets.slo.errorRate, color: 'red' }],
    queries: [query(share(sumRate(M.httpRequests, { ...byRoute, matchers: [serverError] }), sumRate(M.httpRequests, byRoute)), '{{route}}')],
  });
}

function statusCodes() {
  return timeseriesPanel({
    title: 'Responses by status',
    description: 'Responses per second by HTTP status: 202 is a queued waiting-room visitor, 403 a request without admission, 429 the rate limit.',
    unit: units.RequestsPerSecond,
    min: 0,
    queries: [query(sumRate(M.httpRequests, { by: [L.status] }), '{{status}}')],
  });
}

function durationByRoute(targets: Targets) {
  return timeseriesPanel({
    title: 'Duration: p95 by route',
    description: 'p95 of server-side request duration per route pattern, from the exchange’s histogram. Dashed: the p95 target.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.p95Ms / 1000, color: 'red' }],
    queries: [query(classicQuantile(0.95, M.httpDuration, byRoute), '{{route}}')],
  });
}

function durationPercentiles(targets: Targets) {
  return timeseriesPanel({
    title: 'Duration: percentiles, all routes',
    description:
      'p50, p95 and p99 of server-side request duration over every route. Compare with the engine’s view on the load overview: the gap is queueing and network.',
    unit: units.Seconds,
    min: 0,
    lines: [
      { value: targets.slo.p95Ms / 1000, color: 'orange' },
      { value: targets.slo.p99Ms / 1000, color: 'red' },
    ],
    queries: [0.5, 0.95, 0.99].map((q) => query(classicQuantile(q, M.httpDuration), `p${q * 100}`)),
  });
}

function inFlight() {
  return timeseriesPanel({
    title: 'Requests in flight',
    description: 'Requests being served right now, summed over the exchange’s processes.',
    unit: units.Short,
    min: 0,
    queries: [query(sumGauge(M.httpInFlight), 'in flight')],
  });
}

function waitingRoomOccupancy() {
  return timeseriesPanel({
    title: 'Waiting room: queued and admitted',
    description: 'Visitors waiting in the queue, sessions admitted and active, and admissions per second.',
    unit: units.Short,
    min: 0,
    queries: [
      query(sumGauge(M.waitingRoomQueued), 'queued'),
      query(sumGauge(M.waitingRoomActive), 'active sessions'),
      query(sumRate(M.waitingRoomAdmitted), 'admitted / s'),
    ],
  });
}

function waitingRoomWait(targets: Targets) {
  return timeseriesPanel({
    title: 'Waiting room: time queued',
    description: 'Time visitors spent queued before admission (p50/p95), as the exchange measured it. Dashed: the longest a consumer waits before giving up.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.slo.waitingRoomWaitSeconds, color: 'red' }],
    queries: [0.5, 0.95].map((q) => query(classicQuantile(q, M.waitingRoomWait), `p${q * 100}`)),
  });
}

function memory() {
  return timeseriesPanel({
    title: 'Process memory',
    description:
      "Resident memory and V8 heap in use, per exchange process, and the plan-browsing cache's bytes: it grows as new ZIP-and-ages pairs are browsed, up to its bound, which a soak should not read as a leak.",
    unit: units.BytesIEC,
    min: 0,
    queries: [
      query(sumGauge(PROCESS.residentMemory, { by: ['instance'] }), 'resident {{instance}}'),
      query(sumGauge(PROCESS.heapUsed, { by: ['instance'] }), 'heap used {{instance}}'),
      query(sumGauge(M.browseCacheBytes, { by: ['instance'] }), 'browse cache {{instance}}'),
    ],
  });
}

function cpu() {
  return timeseriesPanel({
    title: 'Process CPU',
    description: 'CPU seconds per second (1 = one core busy), per exchange process.',
    unit: units.Short,
    min: 0,
    queries: [query(sumRate(PROCESS.cpuSeconds, { by: ['instance'] }), '{{instance}}')],
  });
}

function eventLoopLag() {
  return timeseriesPanel({
    title: 'Event-loop lag',
    description: 'How late the Node.js event loop runs its timers (p50, p99), per exchange process: a busy loop delays every request it holds.',
    unit: units.Seconds,
    min: 0,
    queries: [
      query(sumGauge(PROCESS.eventLoopLagP50, { by: ['instance'] }), 'p50 {{instance}}'),
      query(sumGauge(PROCESS.eventLoopLagP99, { by: ['instance'] }), 'p99 {{instance}}'),
    ],
  });
}

export function exchangeDashboard(targets: Targets): dashboard.Dashboard {
  const builder = harnessDashboard({
    uid: EXCHANGE_UID,
    title: 'Marketplace harness / Exchange',
    description: 'The mock exchange’s own metrics during one run: RED per route, in-flight requests, the waiting room, and its processes.',
  })
    .withRow(new dashboard.RowBuilder('RED per route'))
    .withPanel(requestRate())
    .withPanel(errorRatio(targets))
    .withPanel(durationByRoute(targets))
    .withPanel(durationPercentiles(targets))
    .withPanel(statusCodes())
    .withPanel(inFlight())
    .withRow(new dashboard.RowBuilder('Waiting room'))
    .withPanel(waitingRoomOccupancy())
    .withPanel(waitingRoomWait(targets))
    .withRow(new dashboard.RowBuilder('Processes'))
    .withPanel(memory())
    .withPanel(cpu())
    .withPanel(eventLoopLag());
  return finish(builder);
}
