// The exchange's own figures on the run page (live and in report.html alike): its waiting room, outbox depth and
// oldest enrollment's age, enrollments confirmed against 834s accepted, 834 delivery latency, resident memory, heap
// and event-loop lag. Read once a second from the exchange's /metrics while the run is under way (ExchangeScrape:
// one exposition → one record of every series), or from its Prometheus's export of the same series once the run
// has ended; kept in a bounded store like the engine's rows. Pure: parsing, the store and the charts.

import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../vocabulary/metrics/process.ts';
import { EXCHANGE_METRICS } from '../vocabulary/metrics/exchange.ts';
import { BoundedSeries } from './boundedSeries.ts';
import { chart, type ChartSeries, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { EXCHANGE_CHART_TITLES, EXCHANGE_QUEUE_CHART_TITLES } from './exchangeCharts.ts';
import { LIVE_CHART_POINTS } from './liveCharts.ts';
import { LIVE_CAPACITY } from './liveSeries.ts';

const PROCESS = processMetricNames(EXCHANGE_DEFAULT_METRICS_PREFIX);

/**
 * The exchange's series the run page draws, by the names the run folder's exchange-queues.ndjson and
 * exchange-metrics.ndjson give them (scripts/observability/exchangeSeries.ts), each with the metric it is read from
 * and how its label sets combine: summed over the exchange's processes, the worst of them, or a quantile of the
 * observations a histogram took since the previous scrape.
 */
export const EXCHANGE_SERIES = {
  waitingRoomQueueLength: { metric: EXCHANGE_METRICS.waitingRoomQueued, combine: 'sum' },
  waitingRoomActiveSessions: { metric: EXCHANGE_METRICS.waitingRoomActive, combine: 'sum' },
  outboxDepth: { metric: EXCHANGE_METRICS.outboxDepth, combine: 'sum' },
  outboxOldestUndeliveredAgeSeconds: { metric: EXCHANGE_METRICS.outboxOldestAge, combine: 'max' },
  enrollmentsConfirmed: { metric: EXCHANGE_METRICS.enrollmentsConfirmed, combine: 'sum' },
  edi834Accepted: { metric: EXCHANGE_METRICS.edi834Accepted, combine: 'sum' },
  deliveryLatencyP50Seconds: { metric: EXCHANGE_METRICS.deliveryLatency, combine: 0.5 },
  deliveryLatencyP95Seconds: { metric: EXCHANGE_METRICS.deliveryLatency, combine: 0.95 },
  rssBytes: { metric: PROCESS.residentMemory, combine: 'sum' },
  heapUsedBytes: { metric: PROCESS.heapUsed, combine: 'sum' },
  eventLoopLagP99Seconds: { metric: PROCESS.eventLoopLagP99, combine: 'max' },
} as const satisfies Record<string, { metric: string; combine: 'sum' | 'max' | number }>;

export type ExchangeSeriesName = keyof typeof EXCHANGE_SERIES;
export const EXCHANGE_SERIES_NAMES = Object.keys(EXCHANGE_SERIES) as ExchangeSeriesName[];
export type ExchangeRecord = Partial<Record<ExchangeSeriesName, Y>>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/;

/**
 * The sum over every label set of each named metric in a Prometheus text exposition; null for a metric it does not
 * expose. Only the metric's own samples count (not a histogram's _bucket or _sum).
 */
export function exposedSums(text: string, names: readonly string[]): Y[] {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match || !names.includes(match[1]!)) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + value);
  }
  return names.map((name) => sums.get(name) ?? null);
}

/** A histogram's cumulative counts by upper bound (`le`), summed over its label sets, bounds in ascending order. */
type Buckets = [number, number][];

function bucketsOf(text: string, metric: string): Buckets {
  const byBound = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}_bucket`)) continue;
    const match = SAMPLE.exec(line);
    const le = /le="([^"]+)"/.exec(match?.[2] ?? '')?.[1];
    const value = Number(match?.[3]);
    if (match?.[1] !== `${metric}_bucket` || le === undefined || !Number.isFinite(value)) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    byBound.set(bound, (byBound.get(bound) ?? 0) + value);
  }
  return [...byBound].sort((a, b) => a[0] - b[0]);
}

/**
 * The `q` quantile of the observations between two readings of a cumulative histogram, interpolated within its
 * bucket as Prometheus's histogram_quantile does; null when nothing was observed. A count that fell (the exchange
 * restarted) counts from zero.
 */
export function quantileBetween(before: Buckets | undefined, after: Buckets, q: number): Y {
  const earlier = new Map(before ?? []);
  const reset = after.some(([bound, count]) => count < (earlier.get(bound) ?? 0));
  const counts = after.map(([bound, count]): [number, number] => [bound, reset ? count : count - (earlier.get(bound) ?? 0)]);
  const total = counts.at(-1)?.[1] ?? 0;
  if (!(total > 0)) return null;
  const rank = q * total;
  let lower = 0,
    below = 0;
  for (const [bound, count] of counts) {
    if (count >= rank) {
      if (bound === Infinity) return lower;
      return count === below ? bound : lower + ((bound - lower) * (rank - below)) / (count - below);
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/** Reads successive expositions of the exchange's /metrics as records of its series (remembering the last histogram, for the quantiles since). */
export class ExchangeScrape {
  private previous = new Map<string, Buckets>();

  read(exposition: string): ExchangeRecord {
    const sums = exposedSums(
      exposition,
      EXCHANGE_SERIES_NAMES.map((name) => EXCHANGE_SERIES[name].metric),
    );
    const maxes = new Map<string, number>();
    for (const line of exposition.split('\n')) {
      const match = SAMPLE.exec(line);
      const value = Number(match?.[3]);
      if (match && Number.isFinite(value)) maxes.set(match[1]!, Math.max(maxes.get(match[1]!) ?? -Infinity, value));
    }
    const histograms = new Map<string, Buckets>();
    const record: ExchangeRecord = {};
    EXCHANGE_SERIES_NAMES.forEach((name, i) => {
      const { metric, combine } = EXCHANGE_SERIES[name];
      if (combine === 'sum') record[name] = sums[i]!;
      else if (combine === 'max') record[name] = maxes.get(metric) ?? null;
      else {
        if (!histograms.has(metric)) histograms.set(metric, bucketsOf(exposition, metric));
        const after = histograms.get(metric)!;
        record[name] = after.length === 0 ? null : quantileBetween(this.previous.get(metric), after, combine);
      }
    });
    for (const [metric, buckets] of histograms) if (buckets.length > 0) this.previous.set(metric, buckets);
    return record;
  }
}

export class LiveExchange {
  readonly store: BoundedSeries;

  constructor(capacity = LIVE_CAPACITY) {
    this.store = new BoundedSeries(EXCHANGE_SERIES_NAMES.length, capacity);
  }

  /** The exchange's series at `epochSeconds`; a series the record does not hold is empty there. */
  push(epochSeconds: number, record: ExchangeRecord): void {
    this.store.push(
      epochSeconds,
      EXCHANGE_SERIES_NAMES.map((name) => {
        const v = record[name];
        // To the microsecond or byte: a quantile between buckets is 1.3 s, not 1.299999999999999.
        return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
      }),
    );
  }

  column(name: ExchangeSeriesName): Y[] {
    return this.store.column(EXCHANGE_SERIES_NAMES.indexOf(name));
  }
}

export const EXCHANGE_ENROLLMENTS_TITLE = 'Enrollments confirmed and 834s accepted';

/**
 * `originSecond`: the epoch second x = 0 stands for (the engine's first row), so these charts line up with the
 * load's; `source`: where the figures came from, for the captions; `none`: why there are none yet.
 */
export function liveExchangeCharts(live: LiveExchange, originSecond: number | undefined, source: string, none: string): ReportChart[] {
  const epoch = live.store.x;
  const origin = originSecond ?? epoch[0] ?? 0;
  const x = epoch.map((t) => t - origin);
  // A series the source never held (a histogram not observed yet, a gauge of another version) is left off its chart.
  const series = (entries: [string, ExchangeSeriesName][], unit?: string): ChartSeries[] =>
    entries.flatMap(([label, name]) => {
      const values = live.column(name);
      return values.some((v) => v !== null) ? [{ label, values, ...(unit ? { unit } : {}) }] : [];
    });
  const draw = (id: string, title: string, caption: string, yLabel: string | undefined, lines: ChartSeries[]): ReportChart =>
    chart({ id, title, caption: `${caption}, ${source}.`, xAxis: 'elapsed', ...(yLabel ? { yLabel } : {}), x, series: lines }, none, LIVE_CHART_POINTS);
  const X = EXCHANGE_METRICS;
  return [
    draw(
      'exchange-waiting-room',
      EXCHANGE_QUEUE_CHART_TITLES['exchange-waiting-room'],
      `Visitors queued and sessions admitted (${X.waitingRoomQueued}, ${X.waitingRoomActive})`,
      'visitors',
      series([
        ['queued', 'waitingRoomQueueLength'],
        ['admitted', 'waitingRoomActiveSessions'],
      ]),
    ),
    draw(
      'exchange-outbox',
      EXCHANGE_QUEUE_CHART_TITLES['exchange-outbox'],
      `Enrollments confirmed and not yet acknowledged by an insurer (${X.outboxDepth})`,
      'enrollments',
      series([['outbox depth', 'outboxDepth']]),
    ),
    draw(
      'exchange-outbox-age',
      EXCHANGE_QUEUE_CHART_TITLES['exchange-outbox-age'],
      `Age of the oldest enrollment still in the outbox (${X.outboxOldestAge})`,
      undefined,
      series([['oldest undelivered', 'outboxOldestUndeliveredAgeSeconds']], 's'),
    ),
    draw(
      'exchange-enrollments',
      EXCHANGE_ENROLLMENTS_TITLE,
      `Enrollments the exchange confirmed against 834s insurers accepted (${X.enrollmentsConfirmed}, ${X.edi834Accepted}); how many arrived intact is known once the run is reconciled (the integrity findings)`,
      'enrollments',
      series([
        ['confirmed', 'enrollmentsConfirmed'],
        ['834s accepted', 'edi834Accepted'],
      ]),
    ),
    draw(
      'exchange-delivery',
      EXCHANGE_QUEUE_CHART_TITLES['exchange-delivery'],
      `Seconds from confirmation to the insurer's accepting 999, p50 and p95 of the 834s delivered since the previous reading (${X.deliveryLatency})`,
      undefined,
      series(
        [
          ['p50', 'deliveryLatencyP50Seconds'],
          ['p95', 'deliveryLatencyP95Seconds'],
        ],
        's',
      ),
    ),
    draw(
      'memory',
      EXCHANGE_CHART_TITLES.memory,
      `The exchange's resident memory and heap used (${PROCESS.residentMemory}, ${PROCESS.heapUsed})`,
      undefined,
      series(
        [
          ['resident memory', 'rssBytes'],
          ['heap used', 'heapUsedBytes'],
        ],
        'bytes',
      ),
    ),
    draw(
      'event-loop',
      EXCHANGE_CHART_TITLES['event-loop'],
      `The exchange's event-loop lag, p99 of its worst process (${PROCESS.eventLoopLagP99})`,
      undefined,
      series([['lag p99', 'eventLoopLagP99Seconds']], 's'),
    ),
  ];
}
