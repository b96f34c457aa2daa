// The parts of k6's JSON output (`k6 run --out json`, one JSON object a line) the analyses read, collected line by
// line into flat arrays: request latencies and failures with their `name` tag, iterations, journeys, and VUs.
// Pure: the caller streams the lines in (scripts/analysis/readK6Samples.ts).

import { METRIC_NAMES } from '../scenarios/consumers/metricNames.ts';
import { metricOfLine, parsePointLine, POINT_PREFIX } from './k6PointLine.ts';

export { SampleLineError } from './k6PointLine.ts';

export interface RunSamples {
  /** http_req_duration of the load's requests (setup and teardown left out); times in epoch milliseconds. */
  requests: { time: number[]; duration: number[]; name: number[] };
  /** http_req_failed, 1 for a failed request. */
  failures: { time: number[]; failed: number[]; name: number[] };
  /** Distinct `name` tags, indexed by the `name` arrays. */
  names: string[];
  iterations: number[];
  /** When each journey started (marketplace_journeys, one point per journey): the arrivals. */
  journeysStarted: number[];
  journeys: { time: number[]; duration: number[] };
  /** Time a consumer spent in the exchange's waiting room (ms), one sample per journey that entered it. */
  waitingRoom: { time: number[]; wait: number[] };
  vus: { time: number[]; value: number[] };
  /** First and last sample time of any kind (epoch ms); NaN before any. */
  start: number;
  end: number;
  /** Samples of every kind seen, kept or not. */
  points: number;
  /** Set when the samples are per-period aggregates (the engine's rows: 1 s, each sample at its second's middle). */
  resolutionSeconds?: number;
}

const KEPT = new Set(['http_req_duration', 'http_req_failed', 'iterations', 'vus', METRIC_NAMES.journeyDuration, METRIC_NAMES.journeysStarted, METRIC_NAMES.waitingRoomWait]);
const encoder = new TextEncoder();
const POINT_PREFIX_BYTES = encoder.encode(POINT_PREFIX);
const KEPT_BYTES = [...KEPT].map((name) => encoder.encode(name));

export function emptyRunSamples(): RunSamples {
  return {
    requests: { time: [], duration: [], name: [] },
    failures: { time: [], failed: [], name: [] },
    names: [],
    iterations: [],
    journeysStarted: [],
    journeys: { time: [], duration: [] },
    waitingRoom: { time: [], wait: [] },
    vus: { time: [], value: [] },
    start: NaN,
    end: NaN,
    points: 0,
  };
}

function nameIndex(samples: RunSamples, names: Map<string, number>, name: string): number {
  let index = names.get(name);
  if (index === undefined) {
    index = samples.names.length;
    samples.names.push(name);
    names.set(name, index);
  }
  return index;
}

const isSetupOrTeardown = (group: string | undefined): boolean => group !== undefined && (group.startsWith('::setup') || group.startsWith('::teardown'));

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** Whether the metric named by bytes[from, to) is one the analyses keep: compared as bytes, nothing decoded. */
function isKept(bytes: Uint8Array, from: number, to: number): boolean {
  return KEPT_BYTES.some((name) => name.length === to - from && startsWith(bytes, from, name));
}

export interface SampleCollector {
  /** Feeds one line of text. */
  add: (line: string, lineNumber: number) => void;
  /**
   * Feeds the line bytes[start, end) (UTF-8, no newline). Points of metrics the analyses do not keep — most of an
   * hour's file — are counted from their bytes without being decoded or parsed.
   */
  addBytes: (bytes: Uint8Array, start: number, end: number, lineNumber: number) => void;
  /** The samples, once every line is fed: a split test's VU gauges summed over its instances. */
  finish: () => RunSamples;
  samples: RunSamples;
}

export interface GaugeSeries {
  time: number[];
  value: number[];
}

/**
 * Several instances' gauges as one: at each time any instance sampled, the sum of every instance's latest value
 * (none before its first sample). The VUs of a split test, as one k6 would have counted them.
 */
export function sumGaugeSeries(series: readonly GaugeSeries[]): GaugeSeries {
  const points = series.flatMap((s, which) => s.time.map((time, i) => ({ time, value: s.value[i]!, which }))).sort((a, b) => a.time - b.time);
  const latest = new Array<number>(series.length).fill(0);
  let total = 0;
  const out: GaugeSeries = { time: [], value: [] };
  for (const point of points) {
    total += point.value - latest[point.which]!;
    latest[point.which] = point.value;
    if (out.time.at(-1) === point.time) out.value[out.value.length - 1] = total;
    else {
      out.time.push(point.time);
      out.value.push(total);
    }
  }
  return out;
}

/** A collector: feed it every line of the file in order; it throws SampleLineError on a line that is not k6 output. */
export function sampleCollector(): SampleCollector {
  const samples = emptyRunSamples();
  const names = new Map<string, number>();
  const vusByInstance = new Map<string, GaugeSeries>();
  const add = (line: string, lineNumber: number): void => {
    if (line.length === 0) return;
    const metric = metricOfLine(line, lineNumber);
    if (metric === undefined) return; // a metric declaration
    samples.points += 1;
    const keep = KEPT.has(metric);
    // Other metrics are only counted; the very first point is parsed anyway, to fail early on a foreign file.
    if (!keep && samples.points > 1) return;
    const point = parsePointLine(line, metric, lineNumber);
    const time = point.time;
    if (Number.isNaN(samples.start) || time < samples.start) samples.start = time;
    if (Number.isNaN(samples.end) || time > samples.end) samples.end = time;
    if (!keep) return;
    if (metric === 'vus') {
      let series = samples.vus;
      if (point.instance !== undefined) {
        series = vusByInstance.get(point.instance) ?? { time: [], value: [] };
        vusByInstance.set(point.instance, series);
      }
      series.time.push(time);
      series.value.push(point.value);
      return;
    }
    if (isSetupOrTeardown(point.group)) return;
    if (metric === 'http_req_duration' || metric === 'http_req_failed') {
      const name = nameIndex(samples, names, point.name ?? point.url ?? '(unnamed)');
      const target = metric === 'http_req_duration' ? samples.requests : samples.failures;
      target.time.push(time);
      target.name.push(name);
      if (metric === 'http_req_duration') samples.requests.duration.push(point.value);
      else samples.failures.failed.push(point.value);
    } else if (metric === 'iterations') {
      samples.iterations.push(time);
    } else if (metric === METRIC_NAMES.journeysStarted) {
      samples.journeysStarted.push(time);
    } else if (metric === METRIC_NAMES.waitingRoomWait) {
      samples.waitingRoom.time.push(time);
      samples.waitingRoom.wait.push(point.value);
    } else {
      samples.journeys.time.push(time);
      samples.journeys.duration.push(point.value);
    }
  };
  const decoder = new TextDecoder();
  const addBytes = (bytes: Uint8Array, start: number, end: number, lineNumber: number): void => {
    if (end > start && samples.points > 0 && startsWith(bytes, start, POINT_PREFIX_BYTES)) {
      const nameStart = start + POINT_PREFIX_BYTES.length;
      const nameEnd = bytes.indexOf(34 /* " */, nameStart);
      if (nameEnd !== -1 && nameEnd < end && !isKept(bytes, nameStart, nameEnd)) {
        samples.points += 1;
        return;
      }
    }
    add(decoder.decode(bytes.subarray(start, end)), lineNumber);
  };
  const finish = (): RunSamples => {
    if (vusByInstance.size > 0) {
      samples.vus = sumGaugeSeries([...(samples.vus.time.length > 0 ? [samples.vus] : []), ...vusByInstance.values()]);
      vusByInstance.clear();
    }
    return samples;
  };
  return { add, addBytes, finish, samples };
}
