// The exchange's own series over a run, read from the run's Prometheus and kept in the run folder so they outlive it:
// resources — resident memory, heap used, event-loop lag p99 — in exchange-metrics.ndjson, which `harness soak`
// judges; queues — waiting-room length and admitted sessions, outbox depth and its oldest enrollment's age — in
// exchange-queues.ndjson, which the report draws. Every process of the exchange summed, or the worst one (lag, age).

import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../../vocabulary/metrics/process.ts';
import { EXCHANGE_METRICS } from '../../vocabulary/metrics/exchange.ts';
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

export function exchangeQueueQueries(testid: string): Record<string, string> {
  const of = (name: string) => `${name}{${TESTID_LABEL}="${testid}"}`;
  return {
    waitingRoomQueueLength: `sum(${of(EXCHANGE_METRICS.waitingRoomQueued)})`,
    waitingRoomActiveSessions: `sum(${of(EXCHANGE_METRICS.waitingRoomActive)})`,
    outboxDepth: `sum(${of(EXCHANGE_METRICS.outboxDepth)})`,
    outboxOldestUndeliveredAgeSeconds: `max(${of(EXCHANGE_METRICS.outboxOldestAge)})`,
  };
}

export function exportStepSeconds(start: Date, end: Date, scrapeIntervalSeconds: number): number {
  return Math.max(scrapeIntervalSeconds, Math.ceil((end.getTime() - start.getTime()) / 1000 / MAX_POINTS));
}

/** NDJSON lines `{"time": epoch-ms, "name": …, "value": …}`, in time order per series. */
export function metricLines(series: Record<string, Series[]>): string {
  return Object.entries(series)
    .flatMap(([name, result]) =>
      (result[0]?.values ?? []).filter(([, v]) => Number.isFinite(v)).map(([t, value]) => JSON.stringify({ time: Math.round(t * 1000), name, value })),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** NDJSON of the range queries `queries` (name → PromQL) over the run. */
export async function readExchangeSeries(
  baseUrl: string,
  queries: Record<string, string>,
  start: Date,
  end: Date,
  scrapeIntervalSeconds: number,
): Promise<string> {
  const step = exportStepSeconds(start, end, scrapeIntervalSeconds);
  const entries = await Promise.all(Object.entries(queries).map(async ([name, expr]) => [name, await rangeQuery(baseUrl, expr, start, end, step)] as const));
  return metricLines(Object.fromEntries(entries));
}
