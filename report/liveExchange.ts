// The exchange's own gauges and counters on the live page, read from its /metrics once a second while the run is
// under way: the waiting room (queued, admitted), the outbox depth, and enrollments confirmed against 834s accepted
// by insurers (the live side of "confirmed vs received intact": intact is known only once the run is reconciled).
// Kept in a bounded store like the engine's rows. Pure: parsing and charts.

import { EXCHANGE_METRICS } from '../mock-exchange/exchange/metricNames.ts';
import { BoundedSeries } from './boundedSeries.ts';
import { chart, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { EXCHANGE_QUEUE_CHART_TITLES } from './exchangeCharts.ts';
import { LIVE_CAPACITY } from './liveSeries.ts';

/** What the live page reads from the exchange, in the store's column order. */
export const LIVE_EXCHANGE_METRICS = [EXCHANGE_METRICS.waitingRoomQueued, EXCHANGE_METRICS.waitingRoomActive, EXCHANGE_METRICS.outboxDepth, EXCHANGE_METRICS.enrollmentsConfirmed, EXCHANGE_METRICS.edi834Accepted] as const;

/**
 * The sum over every label set of each named metric in a Prometheus text exposition; null for a metric it does not
 * expose. Only the metric's own samples count (not a histogram's _bucket or _sum).
 */
export function exposedSums(text: string, names: readonly string[]): Y[] {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || !names.includes(match[1]!)) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + value);
  }
  return names.map((name) => sums.get(name) ?? null);
}

export class LiveExchange {
  readonly store: BoundedSeries;
  /** Scrapes that failed (the exchange not up yet, or gone): said in the captions. */
  failures = 0;

  constructor(capacity = LIVE_CAPACITY) {
    this.store = new BoundedSeries(LIVE_EXCHANGE_METRICS.length, capacity);
  }

  /** One scrape of the exchange's /metrics, taken at `epochSeconds`. */
  push(epochSeconds: number, exposition: string): void {
    this.store.push(epochSeconds, exposedSums(exposition, LIVE_EXCHANGE_METRICS));
  }
}

const ENROLLMENTS_TITLE = 'Enrollments confirmed and 834s accepted';

/** `originSecond`: the epoch second x = 0 stands for (the engine's first row), so these charts line up with the load's. */
export function liveExchangeCharts(live: LiveExchange, originSecond: number | undefined): ReportChart[] {
  const epoch = live.store.x;
  const origin = originSecond ?? epoch[0] ?? 0;
  const x = epoch.map((t) => t - origin);
  const column = (name: (typeof LIVE_EXCHANGE_METRICS)[number]): Y[] => live.store.column(LIVE_EXCHANGE_METRICS.indexOf(name));
  const none = live.failures > 0 && epoch.length === 0 ? "the exchange's /metrics has not answered (the run's exchange is not up, or has stopped)." : "no scrape of the exchange's /metrics yet (exchange-admin.json says where it is once it has started).";
  const from = "read from the exchange's /metrics once a second";
  return [
    chart({ id: 'exchange-waiting-room', title: EXCHANGE_QUEUE_CHART_TITLES['exchange-waiting-room'], caption: `Visitors queued and sessions admitted (${EXCHANGE_METRICS.waitingRoomQueued}, ${EXCHANGE_METRICS.waitingRoomActive}), ${from}.`, xAxis: 'elapsed', yLabel: 'visitors', x, series: [{ label: 'queued', values: column(EXCHANGE_METRICS.waitingRoomQueued) }, { label: 'admitted', values: column(EXCHANGE_METRICS.waitingRoomActive) }] }, none),
    chart({ id: 'exchange-outbox', title: EXCHANGE_QUEUE_CHART_TITLES['exchange-outbox'], caption: `Enrollments confirmed and not yet acknowledged by an insurer (${EXCHANGE_METRICS.outboxDepth}), ${from}.`, xAxis: 'elapsed', yLabel: 'enrollments', x, series: [{ label: 'outbox depth', values: column(EXCHANGE_METRICS.outboxDepth) }] }, none),
    chart({ id: 'exchange-enrollments', title: ENROLLMENTS_TITLE, caption: `Enrollments the exchange confirmed so far against 834s insurers accepted (${EXCHANGE_METRICS.enrollmentsConfirmed}, ${EXCHANGE_METRICS.edi834Accepted}), ${from}; how many arrived intact is known once the run is reconciled (the headline at the end).`, xAxis: 'elapsed', yLabel: 'enrollments', x, series: [{ label: 'confirmed', values: column(EXCHANGE_METRICS.enrollmentsConfirmed) }, { label: '834s accepted', values: column(EXCHANGE_METRICS.edi834Accepted) }] }, none),
  ];
}
