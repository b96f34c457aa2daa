// Turning raw samples into series: fixed time windows (a p95 per minute, for soak trends) and load levels (the
// requests served while the load held a given number of users, for the USL fit).

import { percentileSorted } from './distribution.ts';
import type { SeriesPoint } from './soak.ts';
import type { LoadPoint } from './usl.ts';

/** The p-quantile of the values in each window of `windowSeconds` from `startMs`; t is the window's middle, in seconds. */
export function windowedPercentile(
  times: readonly number[],
  values: readonly number[],
  options: { startMs: number; windowSeconds: number; p: number; minSamples?: number },
): SeriesPoint[] {
  const windowMs = options.windowSeconds * 1000;
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < times.length; i++) {
    const bucket = Math.floor((times[i]! - options.startMs) / windowMs);
    let list = buckets.get(bucket);
    if (!list) buckets.set(bucket, (list = []));
    list.push(values[i]!);
  }
  return [...buckets.entries()]
    .filter(([, list]) => list.length >= (options.minSamples ?? 1))
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, list]) => ({ t: (bucket + 0.5) * options.windowSeconds, value: percentileSorted(Float64Array.from(list).sort(), options.p) }));
}

export interface LoadLevel extends LoadPoint {
  p95Ms: number;
  meanMs: number;
  seconds: number;
  requests: number;
}

export interface LoadLevelInput {
  vus: { time: readonly number[]; value: readonly number[] };
  /** Completion times (epoch ms) of the units counted as throughput: requests or iterations. */
  completions: readonly number[];
  requests: { time: readonly number[]; duration: readonly number[] };
  /** Last sample time of the run (epoch ms): the end of the last VU interval. */
  endMs: number;
  minSeconds?: number;
  minCompletions?: number;
}

function sortedTimes(times: readonly number[]): Float64Array {
  return Float64Array.from(times).sort();
}

/** First index whose value is ≥ t in an ascending array. */
function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One point per VU count held: the VU gauge (sampled each second) says how many VUs ran from one sample to the
 * next; completions in those intervals over their total length give the throughput, their latencies the p95.
 */
export function loadLevels(input: LoadLevelInput): LoadLevel[] {
  const order = input.vus.time.map((t, i) => [t, input.vus.value[i]!] as const).sort((a, b) => a[0] - b[0]);
  const completions = sortedTimes(input.completions);
  const requestOrder = input.requests.time.map((_, i) => i).sort((a, b) => input.requests.time[a]! - input.requests.time[b]!);
  const requestTimes = Float64Array.from(requestOrder, (i) => input.requests.time[i]!);
  const levels = new Map<number, { ms: number; completions: number; durations: number[] }>();
  const spacing = order.length > 1 ? (order[order.length - 1]![0] - order[0]![0]) / (order.length - 1) : 1000;
  for (let k = 0; k < order.length; k++) {
    const [from, vus] = order[k]!;
    const to = k + 1 < order.length ? order[k + 1]![0] : Math.min(input.endMs, from + spacing);
    if (vus <= 0 || to <= from) continue;
    let level = levels.get(vus);
    if (!level) levels.set(vus, (level = { ms: 0, completions: 0, durations: [] }));
    level.ms += to - from;
    level.completions += lowerBound(completions, to) - lowerBound(completions, from);
    for (let i = lowerBound(requestTimes, from), end = lowerBound(requestTimes, to); i < end; i++) {
      level.durations.push(input.requests.duration[requestOrder[i]!]!);
    }
  }
  return [...levels.entries()]
    .filter(([, l]) => l.ms / 1000 >= (input.minSeconds ?? 5) && l.completions >= (input.minCompletions ?? 20) && l.durations.length > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([vus, l]) => ({
      concurrency: vus,
      throughput: l.completions / (l.ms / 1000),
      p95Ms: percentileSorted(Float64Array.from(l.durations).sort(), 0.95),
      meanMs: l.durations.reduce((a, b) => a + b, 0) / l.durations.length,
      seconds: l.ms / 1000,
      requests: l.durations.length,
    }));
}
