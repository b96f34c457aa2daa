// The parts of k6's JSON output (`k6 run --out json`, one JSON object a line) the analyses read, collected line by
// line into flat arrays: request latencies and failures with their `name` tag, iterations, journeys, and VUs.
// Pure: the caller streams the lines in (scripts/analysis/readK6Samples.ts).

import { METRIC_NAMES } from '../scenarios/lib/metricNames.ts';

export interface RunSamples {
  /** http_req_duration of the load's requests (setup and teardown left out); times in epoch milliseconds. */
  requests: { time: number[]; duration: number[]; name: number[] };
  /** http_req_failed, 1 for a failed request. */
  failures: { time: number[]; failed: number[]; name: number[] };
  /** Distinct `name` tags, indexed by the `name` arrays. */
  names: string[];
  iterations: number[];
  journeys: { time: number[]; duration: number[] };
  vus: { time: number[]; value: number[] };
  /** First and last sample time of any kind (epoch ms); NaN before any. */
  start: number;
  end: number;
  /** Samples of every kind seen, kept or not. */
  points: number;
}

export class SampleLineError extends Error {
  readonly lineNumber: number;
  constructor(lineNumber: number, problem: string) {
    super(`line ${lineNumber}: ${problem}`);
    this.lineNumber = lineNumber;
  }
}

const KEPT = new Set(['http_req_duration', 'http_req_failed', 'iterations', 'vus', METRIC_NAMES.journeyDuration]);
const POINT_PREFIX = '{"metric":"';

export function emptyRunSamples(): RunSamples {
  return {
    requests: { time: [], duration: [], name: [] },
    failures: { time: [], failed: [], name: [] },
    names: [],
    iterations: [],
    journeys: { time: [], duration: [] },
    vus: { time: [], value: [] },
    start: NaN,
    end: NaN,
    points: 0,
  };
}

interface PointLine {
  metric?: unknown;
  type?: unknown;
  data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> | null };
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

const isSetupOrTeardown = (group: unknown): boolean => typeof group === 'string' && (group.startsWith('::setup') || group.startsWith('::teardown'));

/** A collector: feed it every line of the file in order; it throws SampleLineError on a line that is not k6 output. */
export function sampleCollector(): { add: (line: string, lineNumber: number) => void; samples: RunSamples } {
  const samples = emptyRunSamples();
  const names = new Map<string, number>();
  const add = (line: string, lineNumber: number): void => {
    if (line.length === 0) return;
    if (line.charCodeAt(0) !== 123 /* { */) throw new SampleLineError(lineNumber, 'not a JSON object (is this k6 `--out json` output?)');
    if (!line.startsWith(POINT_PREFIX)) return; // metric declarations
    const metric = line.slice(POINT_PREFIX.length, line.indexOf('"', POINT_PREFIX.length));
    samples.points += 1;
    let parsed: PointLine;
    const keep = KEPT.has(metric);
    // Other metrics are only counted; the very first point is parsed anyway, to fail early on a foreign file.
    if (!keep && samples.points > 1) return;
    try {
      parsed = JSON.parse(line) as PointLine;
    } catch (error) {
      throw new SampleLineError(lineNumber, `not valid JSON (${(error as Error).message})`);
    }
    const data = parsed.data;
    const time = typeof data?.time === 'string' ? Date.parse(data.time) : NaN;
    if (parsed.type !== 'Point' || Number.isNaN(time) || typeof data?.value !== 'number') {
      throw new SampleLineError(lineNumber, 'a k6 Point needs data.time (a timestamp) and data.value (a number)');
    }
    if (Number.isNaN(samples.start) || time < samples.start) samples.start = time;
    if (Number.isNaN(samples.end) || time > samples.end) samples.end = time;
    if (!keep) return;
    const tags = data.tags ?? {};
    if (metric === 'vus') {
      samples.vus.time.push(time);
      samples.vus.value.push(data.value);
      return;
    }
    if (isSetupOrTeardown(tags.group)) return;
    if (metric === 'http_req_duration' || metric === 'http_req_failed') {
      const name = nameIndex(samples, names, typeof tags.name === 'string' ? tags.name : String(tags.url ?? '(unnamed)'));
      const target = metric === 'http_req_duration' ? samples.requests : samples.failures;
      target.time.push(time);
      target.name.push(name);
      if (metric === 'http_req_duration') samples.requests.duration.push(data.value);
      else samples.failures.failed.push(data.value);
    } else if (metric === 'iterations') {
      samples.iterations.push(time);
    } else {
      samples.journeys.time.push(time);
      samples.journeys.duration.push(data.value);
    }
  };
  return { add, samples };
}
