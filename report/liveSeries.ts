// The run page's memory of the load (live and in report.html alike): one point a second from the engine's per-second
// rows (load-seconds.ndjson), kept in a bounded store (report/boundedSeries.ts: halved by min/max downsampling when
// full, so a spike stays), so a run of any length holds at most `capacity` points a series; and the consumers in the
// waiting room each second (report/liveWaiting.ts). Pure.

import { histogramValues } from '../analysis/engineSamples.ts';
import { ENGINE_METRICS } from '../engine/metricNames.ts';
import { MetricSet, type SeriesSnapshot } from '../engine/metricSet.ts';
import { METRIC_NAMES } from '../scenarios/consumers/metricNames.ts';
import { BoundedSeries } from './boundedSeries.ts';
import type { Y } from './downsample.ts';
import { LiveWaiting } from './liveWaiting.ts';

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

const sumOf = (set: MetricSet, name: string): number => set.aggregate(name)?.sum ?? 0;
const statOf = (set: MetricSet, name: string, stat: string): Y => set.aggregate(name)?.stat(stat) ?? null;

/** One engine row (SecondRow: its epoch second and its series' snapshots) as the live page's point. */
export function livePointOf(row: { second: number; series: readonly SeriesSnapshot[] }): LivePoint {
  const set = new MetricSet();
  set.merge(row.series, 'add');
  const hasUsers = row.series.some((s) => s.name === ENGINE_METRICS.activeUsers);
  const seconds = (stat: string): Y => {
    const ms = statOf(set, METRIC_NAMES.waitingRoomWait, stat);
    return ms === null ? null : ms / 1000;
  };
  const waits: [number, number][] = [];
  for (const s of row.series) if (s.name === METRIC_NAMES.waitingRoomWait) histogramValues(s, (ms, count) => waits.push([ms, count]));
  return {
    second: row.second,
    started: sumOf(set, METRIC_NAMES.journeysStarted),
    completed: set.aggregate(ENGINE_METRICS.journeyDuration)?.count ?? 0,
    requests: sumOf(set, ENGINE_METRICS.requests),
    failed: sumOf(set, ENGINE_METRICS.requestFailed),
    p50: statOf(set, ENGINE_METRICS.requestDuration, 'p(50)'),
    p95: statOf(set, ENGINE_METRICS.requestDuration, 'p(95)'),
    p99: statOf(set, ENGINE_METRICS.requestDuration, 'p(99)'),
    users: hasUsers ? sumOf(set, ENGINE_METRICS.activeUsers) : null,
    waitP50: seconds('p(50)'),
    waitP95: seconds('p(95)'),
    waitMax: seconds('max'),
    waits,
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
    this.data.push(point.second - this.firstSecond + 0.5, LIVE_COLUMNS.map((column) => point[column]));
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
