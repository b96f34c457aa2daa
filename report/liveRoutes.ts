// The load's requests per route and by phase, as the run page's tables show them (report/requestTables.ts): the
// request series of the engine's per-second rows merged into running totals, one series per route and status,
// however long the run — the figures of the engine's end-of-test summary, so far. Pure.

import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { MetricSet, seriesKey, type SeriesSnapshot } from '../engine/metricSet.ts';
import { seriesValues } from '../engine/summary.ts';
import type { RequestMetrics } from './requestTables.ts';

/** The series the request tables read. */
const REQUEST_METRICS: ReadonlySet<string> = new Set([
  ENGINE_METRICS.requests,
  ENGINE_METRICS.requestDuration,
  ENGINE_METRICS.requestBlocked,
  ENGINE_METRICS.requestConnecting,
  ENGINE_METRICS.requestWaiting,
  ENGINE_METRICS.requestFailed,
]);

export class LiveRoutes {
  private readonly totals = new MetricSet();
  private seconds = 0;

  /** One engine row's series. */
  push(series: readonly SeriesSnapshot[]): void {
    this.totals.merge(series.filter((s) => REQUEST_METRICS.has(s.name)));
    this.seconds += 1;
  }

  /** The totals so far in the end-of-test summary's shape (engine/summary.ts): `name` and `name{tag:value,…}` → figures. */
  metrics(): RequestMetrics {
    const out: RequestMetrics = {};
    const all = this.totals.all();
    for (const name of new Set(all.map((s) => s.name))) {
      out[name] = { values: seriesValues(this.totals.aggregate(name)!, this.seconds) };
      for (const series of all)
        if (series.name === name && Object.keys(series.tags).length > 0) out[seriesKey(name, series.tags)] = { values: seriesValues(series, this.seconds) };
    }
    return out;
  }
}
