// The exchange's own resource series over a run — resident memory, heap used, event-loop lag p99 — read from the
// run's Prometheus and kept in the run folder as exchange-metrics.ndjson, so `harness soak` can judge them without
// a Prometheus. Every process of the exchange summed (memory) or the worst one (lag).

import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../../dashboards/processMetricNames.ts';
import { TESTID_LABEL } from '../../dashboards/selectors.ts';
import { rangeQuery, type Series } from './promQuery.ts';

/** Prometheus answers at most 11,000 points a series per range query. */
const MAX_POINTS = 10_000;

export function exchangeSeriesQueries(testid: string): Record<string, string> {
  const m = processMetricNames(EXCHANGE_DEFAULT_METRICS_PREFIX);
  const of = (name: string) => `${name}{${TESTID_LABEL}="${testid}"}`;
  return {
    rssBytes: `sum(${of(m.residentMemory)})`,
    heapUsedBytes: `sum(${of(m.heapUsed)})`,
    eventLoopLagP99Seconds: `max(${of(m.eventLoopLagP99)})`,
  };
}

export function exportStepSeconds(start: Date, end: Date, scrapeIntervalSeconds: number): number {
  return Math.max(scrapeIntervalSeconds, Math.ceil((end.getTime() - start.getTime()) / 1000 / MAX_POINTS));
}

/** NDJSON lines `{"time": epoch-ms, "name": …, "value": …}`, in time order per series. */
export function metricLines(series: Record<string, Series[]>): string {
  return Object.entries(series)
    .flatMap(([name, result]) => (result[0]?.values ?? []).filter(([, v]) => Number.isFinite(v)).map(([t, value]) => JSON.stringify({ time: Math.round(t * 1000), name, value })))
    .map((line) => `${line}\n`)
    .join('');
}

export async function readExchangeSeries(baseUrl: string, testid: string, start: Date, end: Date, scrapeIntervalSeconds: number): Promise<string> {
  const step = exportStepSeconds(start, end, scrapeIntervalSeconds);
  const entries = await Promise.all(Object.entries(exchangeSeriesQueries(testid)).map(async ([name, expr]) => [name, await rangeQuery(baseUrl, expr, start, end, step)] as const));
  return metricLines(Object.fromEntries(entries));
}
