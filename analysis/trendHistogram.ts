// A trend metric's distribution as an HdrHistogram (3 significant digits) beside its exact count, sum, min and max.
// Small whatever the run's length, and mergeable: adding the bucket counts of several load generators gives the
// distribution of all their samples, so a percentile across instances is never an average of their percentiles.

import * as hdr from 'hdr-histogram-js';

/** Samples are recorded in microseconds: durations are given in milliseconds, kept to microsecond resolution. */
const UNITS_PER_VALUE = 1000;
const SIGNIFICANT_DIGITS = 3;

export interface TrendHistogram {
  histogram: hdr.Histogram;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export function emptyTrend(): TrendHistogram {
  return {
    histogram: hdr.build({ numberOfSignificantValueDigits: SIGNIFICANT_DIGITS, useWebAssembly: false }),
    count: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  };
}

export function recordTrend(trend: TrendHistogram, value: number): void {
  if (!(value >= 0)) throw new RangeError(`a trend histogram holds values ≥ 0, got ${value}`);
  trend.histogram.recordValue(Math.round(value * UNITS_PER_VALUE));
  trend.count += 1;
  trend.sum += value;
  if (value < trend.min) trend.min = value;
  if (value > trend.max) trend.max = value;
}

export function trendOf(values: readonly number[]): TrendHistogram {
  const trend = emptyTrend();
  for (const value of values) recordTrend(trend, value);
  return trend;
}

/** One distribution of every part's samples: bucket counts added, exact figures combined. */
export function mergeTrends(parts: readonly TrendHistogram[]): TrendHistogram {
  const merged = emptyTrend();
  for (const part of parts) {
    merged.histogram.add(part.histogram);
    merged.count += part.count;
    merged.sum += part.sum;
    merged.min = Math.min(merged.min, part.min);
    merged.max = Math.max(merged.max, part.max);
  }
  return merged;
}

const PERCENTILE = /^p\((\d+(?:\.\d+)?)\)$/;

/**
 * A statistic as the summary and thresholds name it: avg, min, med, max, count or p(N). Percentiles
 * are the histogram's (within 0.1 %, rounded up to the bucket's top); undefined for an unknown name or no samples.
 */
export function trendStat(trend: TrendHistogram, stat: string): number | undefined {
  if (trend.count === 0) return stat === 'count' ? 0 : undefined;
  if (stat === 'count') return trend.count;
  if (stat === 'avg') return trend.sum / trend.count;
  if (stat === 'min') return trend.min;
  if (stat === 'max') return trend.max;
  const p = stat === 'med' ? 50 : Number(PERCENTILE.exec(stat)?.[1] ?? NaN);
  if (!(p >= 0 && p <= 100)) return undefined;
  // The histogram's value is its bucket's top: never above the largest sample.
  return Math.min(trend.histogram.getValueAtPercentile(p) / UNITS_PER_VALUE, trend.max);
}
