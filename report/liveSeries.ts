// The run page's memory of the load (live and in report.html alike): one point a second from the engine's per-second
// rows (load-seconds.ndjson), kept in a bounded store (report/boundedSeries.ts: halved by min/max downsampling when
// full, so a spike stays), so a run of any length holds at most `capacity` points a series; and the consumers in the
// waiting room each second (report/liveWaiting.ts). Pure.

import { histogramValues } from '../analysis/engineSamples.ts';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { SeriesSnapshot } from '../engine/metricSet.ts';
import { METRIC_NAMES } from '../vocabulary/metrics/journeys.ts';
import { BoundedSeries } from './boundedSeries.ts';
import type { Y } from './downsample.ts';
import { LiveWaiting } from './liveWaiting.ts';
import { significant } from './units.ts';

/** What one second of the load shows on the live page; latencies in ms, the waiting-room wait in seconds. */
export interface LivePoint {
  /** Epoch second the row covers. */
  second: number;
  started: number;
  completed: number;
  requests: number;
  failed: number;
  p50: Y;
  p95: Y;
  p99: Y;
  users: Y;
  /** p50, p95 and max of the waiting-room waits that ended in this second, in seconds (null: nobody left the waiting room). */
  waitP50: Y;
  waitP95: Y;
  waitMax: Y;
  /** The waits that ended in this second: [milliseconds, consumers], as the engine's histogram recorded them. */
  waits: readonly (readonly [number, number])[];
}

/** The store's columns, in order: one source for the store and the charts that read it. */
export const LIVE_COLUMNS = ['started', 'completed', 'requests', 'failed', 'p50', 'p95', 'p99', 'users', 'waitP50', 'waitP95', 'waitMax'] as const;
export type LiveColumn = (typeof LIVE_COLUMNS)[number];

/** Points a series keeps at most: an hour of seconds; older history is halved into min/max pairs when full. */
export const LIVE_CAPACITY = 3600;

/** Sums of a row's counters (and gauges) by name, over every tag set. */
function sumsOf(series: readonly SeriesSnapshot[]): Map<string, { sum: number; count: number }> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const s of series) {
    const total = sums.get(s.name);
    if (total) {
      total.sum += s.sum;
      total.count += s.count;
    } else sums.set(s.name, { sum: s.sum, count: s.count });
  }
  return sums;
}

/**
 * A trend of a row over every tag set as its recorded values ([ms, samples], ascending) and its count: one walk of
 * each histogram, where merging them into a new histogram and asking it for each percentile took several.
 */
function trendOf(series: readonly SeriesSnapshot[], name: string): { values: [number, number][]; count: number; max: number } | undefined {
  let values: [number, number][] | undefined;
  let count = 0;
  let max = -Infinity;
  for (const s of series) {
    if (s.name !== name || s.count === 0) continue;
    values ??= [];
    histogramValues(s, (ms, n) => values!.push([ms, n]));
    count += s.count;
    max = Math.max(max, s.max);
  }
  if (values === undefined) return undefined;
  values.sort((a, b) => a[0] - b[0]);
  return { values, count, max };
}

/**
 * The p-th percentile (0–100) as HdrHistogram gives it (engine/metricSet.ts, analysis/trendHistogram.ts): the value
 * of the first recorded value at which the samples so far reach ⌈p/100 × count⌉ (at least one), never above the max.
 */
export function percentileOf(trend: { values: readonly (readonly [number, number])[]; count: number; max: number } | undefined, p: number): Y {
  if (!trend || trend.count === 0) return null;
  // Rounded up as HdrHistogram rounds it: less one unit in the last place, so 0.95 × 100 is 95, not 96.
  const fp = (p / 100) * trend.count;
  const rank = Math.max(1, Math.ceil(fp - (fp === 0 ? 0 : 2 ** (Math.floor(Math.log2(fp)) - 52))));
  let seen = 0;
  for (const [value, n] of trend.values) {
    seen += n;
    if (seen >= rank) return Math.min(value, trend.max);
  }
  return trend.max;
}

/** One engine row (SecondRow: its epoch second and its series' snapshots) as the live page's point. */
export function livePointOf(row: { second: number; series: readonly SeriesSnapshot[] }): LivePoint {
  const sums = sumsOf(row.series);
  const sum = (name: string): number => sums.get(name)?.sum ?? 0;
  const latency = trendOf(row.series, ENGINE_METRICS.requestDuration);
  const wait = trendOf(row.series, METRIC_NAMES.waitingRoomWait);
  const seconds = (v: Y): Y => (v === null ? null : v / 1000);
  return {
    second: row.second,
    started: sum(METRIC_NAMES.journeysStarted),
    completed: sums.get(ENGINE_METRICS.journeyDuration)?.count ?? 0,
    requests: sum(ENGINE_METRICS.requests),
    failed: sum(ENGINE_METRICS.requestFailed),
    p50: percentileOf(latency, 50),
    p95: percentileOf(latency, 95),
    p99: percentileOf(latency, 99),
    users: sums.has(ENGINE_METRICS.activeUsers) ? sum(ENGINE_METRICS.activeUsers) : null,
    waitP50: seconds(percentileOf(wait, 50)),
    waitP95: seconds(percentileOf(wait, 95)),
    waitMax: wait ? wait.max / 1000 : null,
    waits: wait?.values ?? [],
  };
}

/** Running totals: exact however much the series were downsampled. */
export interface LiveTotals {
  seconds: number;
  requests: number;
  failed: number;
  started: number;
  completed: number;
}

export class LiveSeries {
  private readonly data: BoundedSeries;
  /** Consumers in the waiting room each second. */
  readonly waiting: LiveWaiting;
  /** The epoch second of the first row: x = 0 on every live chart. */
  firstSecond: number | undefined;
  readonly totals: LiveTotals = { seconds: 0, requests: 0, failed: 0, started: 0, completed: 0 };

  constructor(capacity = LIVE_CAPACITY) {
    this.data = new BoundedSeries(LIVE_COLUMNS.length, capacity);
    this.waiting = new LiveWaiting(capacity);
  }

  push(point: LivePoint): void {
    this.firstSecond ??= point.second;
    // x: the middle of the second, seconds since the first one (as the report's windows).
    this.data.push(
      point.second - this.firstSecond + 0.5,
      LIVE_COLUMNS.map((column) => significant(point[column])),
    );
    this.waiting.push(point.second - this.firstSecond, point.waits);
    this.totals.seconds += 1;
    this.totals.requests += point.requests;
    this.totals.failed += point.failed;
    this.totals.started += point.started;
    this.totals.completed += point.completed;
  }

  get length(): number {
    return this.data.x.length;
  }

  get x(): readonly number[] {
    return this.data.x;
  }

  column(name: LiveColumn): Y[] {
    return this.data.column(LIVE_COLUMNS.indexOf(name));
  }
}
