// The exchange's own series over the run, as `harness run` exports them from its Prometheus (read by
// analysis/metricSeries.ts, as `harness soak` does): memory and event-loop lag from exchange-metrics.ndjson, its
// waiting-room and outbox gauges from exchange-queues.ndjson.

import type { SeriesPoint } from '../analysis/soak.ts';
import { absent, chart, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { unitOfName } from './units.ts';

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

/**
 * `unit`: what every series is in — 'from names' when each series' metric name declares it (rssBytes,
 * eventLoopLagP99Seconds), and the axis shows that unit at a readable size (bytes as MiB, seconds as ms); otherwise
 * the count the axis label names.
 */
function group(id: string, title: string, caption: string, unit: { label: string } | 'from names', entries: [string, SeriesPoint[]][], reason: string): ReportChart {
  if (entries.length === 0) return absent(id, title, reason);
  const { x, ys } = alignSeries(entries.map(([, points]) => points));
  const series = entries.map(([name], i) => ({ label: name, values: ys[i]!, ...(unit === 'from names' ? { unit: unitOfName(name) ?? name } : {}) }));
  return chart({ id, title, caption, xAxis: 'elapsed', ...(unit === 'from names' ? {} : { yLabel: unit.label }), x, series }, reason);
}

/** The titles of the exchange's resource charts, by id. */
export const EXCHANGE_CHART_TITLES = { memory: 'Exchange memory', 'event-loop': 'Exchange event-loop lag' } as const;

/** `series` undefined: the run folder has no exchange-metrics.ndjson (`why` says so). */
export function exchangeCharts(series: Map<string, SeriesPoint[]> | undefined, why: string): ReportChart[] {
  const entries = [...(series ?? new Map<string, SeriesPoint[]>())];
  const reason = series ? 'exchange-metrics.ndjson holds no such series.' : why;
  return [
    group('memory', EXCHANGE_CHART_TITLES.memory, "The exchange's resident memory and heap used, from its Prometheus metrics (exchange-metrics.ndjson).", 'from names', entries.filter(([name]) => /bytes$/i.test(name)), reason),
    group('event-loop', EXCHANGE_CHART_TITLES['event-loop'], "The exchange's event-loop lag, from its Prometheus metrics (exchange-metrics.ndjson).", 'from names', entries.filter(([name]) => /lag/i.test(name)), reason),
  ];
}

const pick = (entries: [string, SeriesPoint[]][], names: readonly string[]): [string, SeriesPoint[]][] => entries.filter(([name]) => names.includes(name));

/** The titles of the exchange's queue charts, by id (the live page draws two of them too). */
export const EXCHANGE_QUEUE_CHART_TITLES = { 'exchange-waiting-room': 'Waiting room, as the exchange counts it', 'exchange-outbox': 'Outbox depth, as the exchange counts it', 'exchange-outbox-age': 'Oldest undelivered enrollment', 'exchange-delivery': '834 delivery latency, as the exchange measures it' } as const;

/** `series` undefined: the run folder has no exchange-queues.ndjson (`why` says so). */
export function exchangeQueueCharts(series: Map<string, SeriesPoint[]> | undefined, why: string): ReportChart[] {
  const entries = [...(series ?? new Map<string, SeriesPoint[]>())];
  const reason = series ? 'exchange-queues.ndjson holds no such series.' : why;
  return [
    group('exchange-waiting-room', EXCHANGE_QUEUE_CHART_TITLES['exchange-waiting-room'], "The exchange's own gauges: visitors queued and sessions admitted (exchange_waiting_room_queue_length, exchange_waiting_room_active_sessions).", { label: 'visitors' }, pick(entries, ['waitingRoomQueueLength', 'waitingRoomActiveSessions']), reason),
    group('exchange-outbox', EXCHANGE_QUEUE_CHART_TITLES['exchange-outbox'], "Enrollments confirmed and not yet acknowledged by an insurer (exchange_outbox_depth).", { label: 'enrollments' }, pick(entries, ['outboxDepth']), reason),
    group('exchange-outbox-age', EXCHANGE_QUEUE_CHART_TITLES['exchange-outbox-age'], "Age of the oldest enrollment still in the outbox (exchange_outbox_oldest_undelivered_age_seconds).", 'from names', pick(entries, ['outboxOldestUndeliveredAgeSeconds']), reason),
  ];
}
