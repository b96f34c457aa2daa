// The engine's measurements: counters, rates (pass/fail), trends (HdrHistograms, lossless to merge) and gauges,
// each a series keyed by metric name and tags. A worker records into one set a second and sends its snapshot; the
// main thread merges snapshots into the test's totals and its per-second rows. Callers on a hot path keep the
// Series they record into: a set's reset keeps every series object, so the reference stays good.

import * as hdr from 'hdr-histogram-js';
import { emptyTrend, recordTrend, trendStat, type TrendHistogram } from '../analysis/trendHistogram.ts';
import type { MetricKind } from '../vocabulary/metrics/engine.ts';

export type { MetricKind };
export type Tags = Readonly<Record<string, string>>;
export type GaugeMerge = 'add' | 'replace';

/** One series as it travels between threads and into files: exact figures, and a trend's histogram encoded. */
export interface SeriesSnapshot {
  name: string;
  kind: MetricKind;
  tags: Tags;
  /** Values recorded (a counter's additions, a rate's samples, a trend's samples, a gauge's settings). */
  count: number;
  /** Counter: the total; trend: the sum of samples (ms); rate: the passes; gauge: the last value. */
  sum: number;
  min: number;
  max: number;
  /** A trend's HdrHistogram (microseconds, 3 significant digits), compressed and base64-encoded. */
  histogram?: string;
}

export const tagKey = (tags: Tags): string => {
  const names = Object.keys(tags);
  if (names.length === 0) return '';
  // One tag (a check's name, a step): the common case on a journey's hot path, with nothing to sort.
  if (names.length === 1) return `${names[0]}:${tags[names[0]!]}`;
  names.sort();
  return names.map((n) => `${n}:${tags[n]}`).join(',');
};

/** `name` or `name{tag:value,…}`: the key under which a summary lists a series. */
export const seriesKey = (name: string, tags: Tags): string => {
  const key = tagKey(tags);
  return key ? `${name}{${key}}` : name;
};

export class Series {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  readonly trend: TrendHistogram | undefined;
  readonly name: string;
  readonly kind: MetricKind;
  readonly tags: Tags;

  constructor(name: string, kind: MetricKind, tags: Tags) {
    this.name = name;
    this.kind = kind;
    this.tags = tags;
    this.trend = kind === 'trend' ? emptyTrend() : undefined;
  }

  /** Counter: adds value; rate: a pass when value is truthy (1) or a fail (0); trend: a sample (ms ≥ 0); gauge: sets. */
  record(value: number): void {
    this.count += 1;
    if (this.trend) {
      recordTrend(this.trend, value < 0 ? 0 : value);
      this.sum += value < 0 ? 0 : value;
    } else if (this.kind === 'gauge') this.sum = value;
    else this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  reset(): void {
    this.count = 0;
    // A gauge's value holds until it is set again: the next window starts from it.
    if (this.kind === 'gauge') {
      this.min = this.sum;
      this.max = this.sum;
      return;
    }
    this.sum = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
    if (this.trend) {
      this.trend.histogram.reset();
      this.trend.count = 0;
      this.trend.sum = 0;
      this.trend.min = Number.POSITIVE_INFINITY;
      this.trend.max = Number.NEGATIVE_INFINITY;
    }
  }

  snapshot(): SeriesSnapshot {
    const { name, kind, tags, count, sum, min, max } = this;
    return { name, kind, tags, count, sum, min, max, ...(this.trend ? { histogram: hdr.encodeIntoCompressedBase64(this.trend.histogram) } : {}) };
  }

  /**
   * Adds a snapshot's figures. Gauges: `add` sums them (the same moment on several workers: users on each add up);
   * `replace` takes the snapshot's value (a later moment of the same test).
   */
  merge(snapshot: SeriesSnapshot, gauges: GaugeMerge = 'add'): void {
    if (snapshot.kind !== this.kind) throw new Error(`metric ${snapshot.name} recorded as both ${this.kind} and ${snapshot.kind}`);
    if (this.trend && snapshot.histogram) {
      const part = hdr.decodeFromCompressedBase64(snapshot.histogram, 32, false);
      this.addFigures(snapshot, part, gauges);
      part.destroy();
    } else this.addFigures(snapshot, undefined, gauges);
  }

  /** What merge(series.snapshot()) does, without encoding and decoding the histogram. */
  mergeSeries(series: Series, gauges: GaugeMerge = 'add'): void {
    if (series.kind !== this.kind) throw new Error(`metric ${series.name} recorded as both ${this.kind} and ${series.kind}`);
    this.addFigures(series, series.trend?.histogram, gauges);
  }

  private addFigures(part: { count: number; sum: number; min: number; max: number }, histogram: hdr.Histogram | undefined, gauges: GaugeMerge): void {
    if (this.kind === 'gauge' && gauges === 'add') {
      // Parts of one moment: the users on each worker add up, and so do their lows and highs (an upper bound).
      this.min = Number.isFinite(this.min) ? this.min + part.min : part.min;
      this.max = Number.isFinite(this.max) ? this.max + part.max : part.max;
    } else {
      this.min = Math.min(this.min, part.min);
      this.max = Math.max(this.max, part.max);
    }
    this.count += part.count;
    this.sum = this.kind === 'gauge' && gauges === 'replace' ? part.sum : this.sum + part.sum;
    if (this.trend && histogram) {
      this.trend.histogram.add(histogram);
      this.trend.count += part.count;
      this.trend.sum += part.sum;
      this.trend.min = Math.min(this.trend.min, part.min);
      this.trend.max = Math.max(this.trend.max, part.max);
    }
  }

  /** A statistic of this series: count, rate (a rate's pass share), value (gauge), or a trend's avg/min/med/max/p(N). */
  stat(stat: string): number | undefined {
    if (this.trend) return trendStat(this.trend, stat);
    if (stat === 'count') return this.kind === 'rate' ? this.count : this.kind === 'counter' ? this.sum : this.count;
    if (stat === 'rate' && this.kind === 'rate') return this.count === 0 ? 0 : this.sum / this.count;
    if (stat === 'passes' && this.kind === 'rate') return this.sum;
    if (stat === 'fails' && this.kind === 'rate') return this.count - this.sum;
    if (stat === 'value' && this.kind === 'gauge') return this.count === 0 ? undefined : this.sum;
    if (stat === 'min') return this.count === 0 ? undefined : this.min;
    if (stat === 'max') return this.count === 0 ? undefined : this.max;
    return undefined;
  }
}

export class MetricSet {
  private readonly byKey = new Map<string, Series>();

  /** The series of this metric and tags, created on first use. */
  series(kind: MetricKind, name: string, tags: Tags = {}): Series {
    const key = seriesKey(name, tags);
    let series = this.byKey.get(key);
    if (!series) {
      series = new Series(name, kind, { ...tags });
      this.byKey.set(key, series);
    } else if (series.kind !== kind) throw new Error(`metric ${name} is a ${series.kind}, recorded here as a ${kind}`);
    return series;
  }

  add(kind: MetricKind, name: string, value: number, tags: Tags = {}): void {
    this.series(kind, name, tags).record(value);
  }

  all(): Series[] {
    return [...this.byKey.values()];
  }

  /** Series that recorded something in this window, and every gauge (its value holds between settings). */
  snapshot(): SeriesSnapshot[] {
    return this.all()
      .filter((s) => s.count > 0 || s.kind === 'gauge')
      .map((s) => s.snapshot());
  }

  reset(): void {
    for (const series of this.byKey.values()) series.reset();
  }

  merge(snapshots: readonly SeriesSnapshot[], gauges: GaugeMerge = 'add'): void {
    for (const snapshot of snapshots) this.series(snapshot.kind, snapshot.name, snapshot.tags).merge(snapshot, gauges);
  }

  /** What merge(other.snapshot()) does, histograms added as they are instead of encoded and decoded again. */
  mergeSet(other: MetricSet, gauges: GaugeMerge = 'add'): void {
    for (const series of other.byKey.values()) {
      if (series.count > 0 || series.kind === 'gauge') this.series(series.kind, series.name, series.tags).mergeSeries(series, gauges);
    }
  }

  /**
   * One series made of every series of `name` whose tags include `filter` (all of them for an empty filter): what a
   * threshold on `http_req_duration` or `http_req_duration{name:GET /x}` is judged on. Undefined when none exists.
   */
  aggregate(name: string, filter: Tags = {}): Series | undefined {
    const parts = this.all().filter((s) => s.name === name && Object.entries(filter).every(([k, v]) => s.tags[k] === v));
    if (parts.length === 0) return undefined;
    const total = new Series(name, parts[0]!.kind, filter);
    for (const part of parts) {
      total.count += part.count;
      total.sum += part.sum;
      total.min = Math.min(total.min, part.min);
      total.max = Math.max(total.max, part.max);
      if (total.trend && part.trend) {
        total.trend.histogram.add(part.trend.histogram);
        total.trend.count += part.trend.count;
        total.trend.sum += part.trend.sum;
        total.trend.min = Math.min(total.trend.min, part.trend.min);
        total.trend.max = Math.max(total.trend.max, part.trend.max);
      }
    }
    return total;
  }
}
