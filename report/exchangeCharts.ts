// The exchange's series over the run, as `harness run` exports them from its Prometheus (exchange-metrics.ndjson,
// exchange-queues.ndjson, read by analysis/metricSeries.ts): aligned on one x for the run page's store
// (scripts/watch/runState.ts), and the titles of the exchange's charts (drawn by report/liveExchange.ts).

import type { SeriesPoint } from '../analysis/soak.ts';
import type { Y } from './downsample.ts';

/** Series on one x: the sorted union of their times, null where a series has no point. */
export function alignSeries(series: readonly SeriesPoint[][], scale = 1): { x: number[]; ys: Y[][] } {
  const x = [...new Set(series.flatMap((s) => s.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(x.map((t, i) => [t, i]));
  const ys = series.map((s) => {
    const values: Y[] = new Array<Y>(x.length).fill(null);
    for (const p of s) values[index.get(p.t)!] = p.value * scale;
    return values;
  });
  return { x, ys };
}

/** The titles of the exchange's resource charts, by id. */
export const EXCHANGE_CHART_TITLES = { memory: 'Exchange memory', 'event-loop': 'Exchange event-loop lag' } as const;

/** The titles of the exchange's queue charts, by id (the live page draws two of them too). */
export const EXCHANGE_QUEUE_CHART_TITLES = {
  'exchange-waiting-room': 'Waiting room, as the exchange counts it',
  'exchange-outbox': 'Outbox depth, as the exchange counts it',
  'exchange-outbox-age': 'Oldest undelivered enrollment',
  'exchange-delivery': '834 delivery latency, as the exchange measures it',
} as const;
