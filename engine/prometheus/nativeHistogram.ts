// A trend's HdrHistogram (microseconds, 3 significant digits) as a Prometheus native histogram in seconds:
// exponential buckets at one fixed schema, so the histograms of every route, second and shard add up in PromQL.
// Precision: at schema 3 a bucket spans a factor 2^(1/8) ≈ 1.0905, so a quantile read from Prometheus lies in the
// bucket of the true one, within 9.05 % of it; the engine's own figures (summary, thresholds) stay the HdrHistogram's.

import * as hdr from 'hdr-histogram-js';

/** Buckets per power of two = 2^schema; Prometheus allows -4 … 8, this module 0 … 8. */
export const NATIVE_SCHEMA = 3;
/** client_golang's default zero bucket: it holds exact zeros only (a sample under 0.5 µs rounds to 0). */
export const ZERO_THRESHOLD = 2 ** -128;
const MICROSECONDS_PER_SECOND = 1_000_000;

export interface BucketSpan {
  /** The first span: the index of its first bucket; later spans: empty buckets since the previous span. */
  offset: number;
  length: number;
}

/** A cumulative integer native histogram, as remote write carries it. */
export interface NativeHistogram {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  /** Samples in all: zeroCount plus every bucket's count. */
  count: number;
  /** Seconds. */
  sum: number;
  positiveSpans: BucketSpan[];
  /** The first bucket's count, then each bucket's count less the one before it, in index order across spans. */
  positiveDeltas: number[];
}

const boundsBySchema = new Map<number, number[]>();

/** The upper bounds of one power of two's buckets, scaled into [0.5, 1) as frexp gives fractions. */
function fractionBounds(schema: number): number[] {
  let bounds = boundsBySchema.get(schema);
  if (!bounds) {
    const n = 2 ** schema;
    bounds = Array.from({ length: n }, (_, i) => 2 ** (i / n) / 2);
    boundsBySchema.set(schema, bounds);
  }
  return bounds;
}

function checkSchema(schema: number): void {
  if (!Number.isInteger(schema) || schema < 0 || schema > 8) throw new RangeError(`native histogram schema must be a whole number 0 … 8, got ${schema}`);
}

/** value = fraction × 2^exponent, fraction in [0.5, 1): Go's math.Frexp, which Prometheus's bucketing starts from. */
function frexp(value: number): [number, number] {
  let exponent = Math.floor(Math.log2(value)) + 1;
  let fraction = value / 2 ** exponent;
  if (fraction >= 1) [fraction, exponent] = [fraction / 2, exponent + 1];
  else if (fraction < 0.5) [fraction, exponent] = [fraction * 2, exponent - 1];
  return [fraction, exponent];
}

/** The index of the bucket holding a value > 0: bucket i covers (2^((i−1)/2^schema), 2^(i/2^schema)]. */
export function bucketIndex(value: number, schema: number = NATIVE_SCHEMA): number {
  checkSchema(schema);
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`a native histogram bucket holds a finite value > 0, got ${value}`);
  const [fraction, exponent] = frexp(value);
  const bounds = fractionBounds(schema);
  let i = 0;
  while (i < bounds.length && bounds[i]! < fraction) i++;
  return i + (exponent - 1) * bounds.length;
}

/** The inclusive upper bound of bucket `index`. */
export const bucketUpperBound = (index: number, schema: number = NATIVE_SCHEMA): number => 2 ** (index / 2 ** schema);

/** Spans and deltas of non-empty buckets given in increasing index order; a span covers consecutive buckets. */
export function spansAndDeltas(buckets: readonly (readonly [index: number, count: number])[]): { spans: BucketSpan[]; deltas: number[] } {
  const spans: BucketSpan[] = [];
  const deltas: number[] = [];
  let previousIndex = 0;
  let previousCount = 0;
  for (const [index, count] of buckets) {
    if (count <= 0) continue;
    const last = spans[spans.length - 1];
    if (last && index <= previousIndex) throw new RangeError(`native histogram buckets must come in increasing index order: ${index} after ${previousIndex}`);
    if (last && index === previousIndex + 1) last.length += 1;
    else spans.push({ offset: last ? index - previousIndex - 1 : index, length: 1 });
    deltas.push(count - previousCount);
    previousIndex = index;
    previousCount = count;
  }
  return { spans, deltas };
}

const UNKNOWN = 0x7fffffff;
/** HdrHistogram counts index → native bucket index, per HdrHistogram layout and schema: the same for every trend. */
const nativeIndexCache = new Map<string, Int32Array>();

function nativeIndexes(histogram: hdr.JsHistogram, schema: number): Int32Array {
  const key = `${histogram.subBucketHalfCountMagnitude}/${histogram.unitMagnitude}/${schema}`;
  let indexes = nativeIndexCache.get(key);
  if (!indexes || indexes.length < histogram.countsArrayLength) {
    const grown = new Int32Array(histogram.countsArrayLength).fill(UNKNOWN);
    if (indexes) grown.set(indexes);
    nativeIndexCache.set(key, (indexes = grown));
  }
  return indexes;
}

/**
 * The native histogram of an HdrHistogram of microseconds. Each HdrHistogram bucket (≤ 0.1 % wide) counts at its
 * lowest value, so a sample within 0.1 % above a native bucket's bound may count one bucket low. Counts are exact;
 * the sum is the engine's exact sum (`sumSeconds`), not one rebuilt from buckets.
 */
export function nativeHistogramOf(histogram: hdr.Histogram, sumSeconds: number, schema: number = NATIVE_SCHEMA): NativeHistogram {
  checkSchema(schema);
  if (!(histogram instanceof hdr.JsHistogram))
    throw new TypeError('nativeHistogramOf needs a JavaScript HdrHistogram (useWebAssembly: false), as the engine builds');
  const total = histogram.totalCount;
  const cache = nativeIndexes(histogram, schema);
  const buckets: [number, number][] = [];
  // HdrHistogram index 0 holds exactly 0 µs: the zero bucket. Higher indexes rise in value, so native indexes never fall.
  const zeroCount = histogram.getCountAtIndex(0);
  let seen = zeroCount;
  for (let i = 1; i < histogram.countsArrayLength && seen < total; i++) {
    const count = histogram.getCountAtIndex(i);
    if (count === 0) continue;
    seen += count;
    let index = cache[i]!;
    if (index === UNKNOWN) cache[i] = index = bucketIndex(histogram.valueFromIndex(i) / MICROSECONDS_PER_SECOND, schema);
    const last = buckets[buckets.length - 1];
    if (last && last[0] === index) last[1] += count;
    else buckets.push([index, count]);
  }
  const { spans, deltas } = spansAndDeltas(buckets);
  return { schema, zeroThreshold: ZERO_THRESHOLD, zeroCount, count: total, sum: sumSeconds, positiveSpans: spans, positiveDeltas: deltas };
}
