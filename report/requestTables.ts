// The report's request tables, from the load engine's summary (load-summary.json): per route, its requests, errors
// and latency percentiles; and the phases of a request — waiting for a connection, connecting, time to first byte,
// the whole response — with their percentiles. Pure: summary metrics in, rows and HTML out.

import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { escapeHtml, fmt, section, table } from './html.ts';

/** Metrics in the end-of-test summary's shape (engine/summary.ts): `name` and `name{tag:value,…}` → figures. */
export type RequestMetrics = Record<string, { values: Record<string, number> }>;
type Metrics = RequestMetrics;

export interface RouteRow {
  route: string;
  requests: number;
  /** Requests that failed: a network error, or a status the request did not expect. */
  errors: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** Time to first byte, p95. */
  ttfbP95Ms?: number;
}

/** `metric{name:ROUTE}` or `metric{name:ROUTE,status:S}` → ROUTE; undefined for any other key. */
function routeOf(key: string, metric: string, withStatus: boolean): string | undefined {
  if (!key.startsWith(`${metric}{name:`) || !key.endsWith('}')) return undefined;
  const inner = key.slice(metric.length + '{name:'.length, -1);
  if (!withStatus) return inner;
  const status = /,status:\d+$/.exec(inner);
  return status ? inner.slice(0, status.index) : undefined;
}

export function routeRows(metrics: Metrics): RouteRow[] {
  const rows = new Map<string, RouteRow>();
  const row = (route: string): RouteRow => {
    let found = rows.get(route);
    if (!found) rows.set(route, (found = { route, requests: 0, errors: 0 }));
    return found;
  };
  for (const [key, metric] of Object.entries(metrics)) {
    const counted = routeOf(key, ENGINE_METRICS.requests, true);
    if (counted !== undefined) row(counted).requests += metric.values.count ?? 0;
    const failed = routeOf(key, ENGINE_METRICS.requestFailed, false);
    if (failed !== undefined) row(failed).errors = metric.values.passes ?? 0;
    const timed = routeOf(key, ENGINE_METRICS.requestDuration, false);
    if (timed !== undefined) Object.assign(row(timed), { p50Ms: metric.values.med, p95Ms: metric.values['p(95)'], p99Ms: metric.values['p(99)'] });
    const waiting = routeOf(key, ENGINE_METRICS.requestWaiting, false);
    if (waiting !== undefined) row(waiting).ttfbP95Ms = metric.values['p(95)'];
  }
  return [...rows.values()].sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
}

export interface PhaseRow {
  phase: string;
  metric: string;
  count?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
}

/** The phases of a request, in the order they happen, each with what it measures. */
const PHASES: readonly [string, string][] = [
  [ENGINE_METRICS.requestBlocked, 'waiting for a free connection (meant to be sent → written)'],
  [ENGINE_METRICS.requestConnecting, 'connecting (each new connection)'],
  [ENGINE_METRICS.requestWaiting, 'time to first byte (written → headers)'],
  [ENGINE_METRICS.requestDuration, 'whole request (meant to be sent → last byte)'],
];

export function phaseRows(metrics: Metrics): PhaseRow[] {
  return PHASES.map(([metric, phase]) => {
    const v = metrics[metric]?.values;
    return { phase, metric, count: v?.count, p50Ms: v?.med, p95Ms: v?.['p(95)'], p99Ms: v?.['p(99)'] };
  });
}

const pct = (errors: number, requests: number): string => (requests > 0 ? `${fmt((errors / requests) * 100)} %` : '–');

/** `whyNone`: said when there are no metrics. */
export function requestsSection(metrics: Metrics | undefined, whyNone = 'load-summary.json is not usable (see the notes): no per-route figures.'): string {
  if (!metrics) return section('requests', 'Requests', `<p class="note">${escapeHtml(whyNone)}</p>`);
  const routes = routeRows(metrics);
  const routeTable =
    routes.length === 0
      ? '<p class="note">The load summary has no per-route series.</p>'
      : table(
          ['route', 'requests', 'errors', 'error rate', 'p50 ms', 'p95 ms', 'p99 ms', 'time to first byte p95 ms'],
          routes.map((r) => [r.route, fmt(r.requests), fmt(r.errors), pct(r.errors, r.requests), fmt(r.p50Ms), fmt(r.p95Ms), fmt(r.p99Ms), fmt(r.ttfbP95Ms)]),
          (i) => (routes[i]!.errors > 0 ? 'fail' : 'pass'),
        );
  const phases = phaseRows(metrics);
  const phaseTable = table(
    ['phase', 'metric', 'samples', 'p50 ms', 'p95 ms', 'p99 ms'],
    phases.map((p) => [p.phase, p.metric, p.count === undefined ? 'not measured' : fmt(p.count), fmt(p.p50Ms), fmt(p.p95Ms), fmt(p.p99Ms)]),
  );
  return section(
    'requests',
    'Requests',
    `<h3>Per route</h3>\n${routeTable}\n<h3 id="phases">Where the time goes</h3>\n${phaseTable}\n<p class="note">${escapeHtml('Percentiles of each phase over the run so far; a run from before connect times were measured shows that phase as not measured.')}</p>`,
  );
}
