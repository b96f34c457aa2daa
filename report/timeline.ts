// The run over time from the engine's per-second samples: journeys started and completed a second against the planned arrival rate,
// requests a second, latency percentiles, failed requests, VUs against the planned VUs. Per-window figures (a second
// per window for runs up to an hour); latency percentiles per window come from analysis/windows.ts, as `harness soak`
// computes them.

import type { RunSamples } from '../analysis/runSamples.ts';
import { windowedPercentile } from '../analysis/windows.ts';
import { chart, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { plannedArrivalRate, plannedVus, type ScenarioRecord } from './scenarioPlan.ts';

/** Windows a run is cut into at most before downsampling: one a second for up to an hour. */
const MAX_WINDOWS = 3600;
/** Windows a short run is cut into at least, so a half-second smoke run still draws a line. */
const MIN_WINDOWS = 60;
const WINDOW_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300];

export interface Windows {
  startMs: number;
  seconds: number;
  count: number;
  /** Middle of each window, seconds since the start. */
  x: number[];
}

/**
 * `resolutionSeconds`: samples that are already per-period aggregates (the engine's per-second rows, each stamped at
 * its middle) are never cut finer than that period, and the last sample's period is inside the span.
 */
export function windowsOf(startMs: number, endMs: number, resolutionSeconds = 0): Windows {
  const duration = Math.max(0.01, (endMs - startMs) / 1000 + resolutionSeconds);
  const wanted = Math.max(duration / MAX_WINDOWS, Math.min(1, duration / MIN_WINDOWS), resolutionSeconds);
  const seconds = WINDOW_STEPS.find((step) => step >= wanted) ?? Math.ceil(wanted / 300) * 300;
  const count = Math.max(1, Math.ceil(duration / seconds - 1e-9));
  return { startMs, seconds, count, x: Array.from({ length: count }, (_, i) => (i + 0.5) * seconds) };
}

function indexOf(w: Windows, timeMs: number): number {
  return Math.min(w.count - 1, Math.max(0, Math.floor((timeMs - w.startMs) / 1000 / w.seconds)));
}

/** Sum of `weights` (1 each without) per window, divided by the window length: a rate a second. */
export function ratePerWindow(w: Windows, times: readonly number[], weights?: readonly number[]): number[] {
  const sums = new Array<number>(w.count).fill(0);
  times.forEach((t, i) => (sums[indexOf(w, t)]! += weights ? weights[i]! : 1));
  return sums.map((s) => s / w.seconds);
}

function percentilePerWindow(w: Windows, times: readonly number[], values: readonly number[], p: number): Y[] {
  const out: Y[] = new Array<Y>(w.count).fill(null);
  for (const point of windowedPercentile(times, values, { startMs: w.startMs, windowSeconds: w.seconds, p })) {
    out[Math.min(w.count - 1, Math.floor(point.t / w.seconds))] = point.value;
  }
  return out;
}

/** A gauge per window: the most it read in the window, else what it last read (a gauge holds until the next sample or the end). */
function gaugePerWindow(w: Windows, times: readonly number[], values: readonly number[]): Y[] {
  const out: Y[] = new Array<Y>(w.count).fill(null);
  times.forEach((t, i) => {
    const k = indexOf(w, t);
    out[k] = Math.max(out[k] ?? -Infinity, values[i]!);
  });
  for (let k = 1; k < w.count; k++) if (out[k] === null) out[k] = out[k - 1] ?? null;
  return out;
}

/** The charts drawn from the load's samples, by id: the one list of their titles. */
export const LOAD_CHART_TITLES = {
  arrival: 'Arrival rate',
  throughput: 'Throughput',
  latency: 'Request latency',
  errors: 'Failed requests',
  vus: 'Active VUs',
} as const;

const per = (w: Windows): string => (w.seconds === 1 ? 'per second' : `in windows of ${w.seconds} s`);

export function timelineCharts(samples: RunSamples, scenario: ScenarioRecord | undefined): ReportChart[] {
  const w = windowsOf(samples.start, samples.end, samples.resolutionSeconds);
  const arrival = plannedArrivalRate(scenario);
  const vusPlan = plannedVus(scenario);
  const noRequests = 'The engine recorded no requests in this run (load-seconds.ndjson holds none).';
  const charts: ReportChart[] = [];
  charts.push(
    chart(
      {
        id: 'arrival',
        title: LOAD_CHART_TITLES.arrival,
        caption: `Journeys started a second (marketplace_journeys: consumers arriving) and completed (journey_duration samples: journeys ended), ${per(w)}${arrival ? ', against the arrival rate the scenario planned (dashed)' : `; the ${scenario?.executor ?? 'unknown'} executor plans no arrival rate, so no target line`}.`,
        xAxis: 'elapsed',
        yLabel: 'journeys/s',
        x: w.x,
        series: [
          { label: 'started/s', values: ratePerWindow(w, samples.journeysStarted) },
          { label: 'completed/s', values: ratePerWindow(w, samples.iterations) },
          ...(arrival ? [{ label: 'planned arrivals/s', values: w.x.map(arrival), reference: true }] : []),
        ],
      },
      'The engine recorded no journey (no journey_duration sample, no marketplace_journeys point) in this run.',
    ),
  );
  charts.push(
    chart(
      {
        id: 'throughput',
        title: LOAD_CHART_TITLES.throughput,
        caption: `Requests completed a second (http_req_duration samples of the load), ${per(w)}.`,
        xAxis: 'elapsed',
        yLabel: 'requests/s',
        x: w.x,
        series: [{ label: 'requests/s', values: ratePerWindow(w, samples.requests.time) }],
      },
      noRequests,
    ),
  );
  charts.push(
    chart(
      {
        id: 'latency',
        title: LOAD_CHART_TITLES.latency,
        caption: `p50, p95 and p99 of http_req_duration ${per(w)} (every request of the load).`,
        xAxis: 'elapsed',
        yLabel: 'ms',
        x: w.x,
        series: [0.5, 0.95, 0.99].map((p) => ({ label: `p${Math.round(p * 100)}`, values: percentilePerWindow(w, samples.requests.time, samples.requests.duration, p) })),
      },
      noRequests,
    ),
  );
  const failed = samples.failures.failed.reduce((a, b) => a + b, 0);
  charts.push(
    chart(
      {
        id: 'errors',
        title: LOAD_CHART_TITLES.errors,
        caption: `Failed requests a second (http_req_failed), ${per(w)}: ${failed.toLocaleString('en-US')} of ${samples.failures.failed.length.toLocaleString('en-US')} in the run.`,
        xAxis: 'elapsed',
        yLabel: 'failed/s',
        x: w.x,
        series: [{ label: 'failed/s', values: ratePerWindow(w, samples.failures.time, samples.failures.failed) }],
      },
      noRequests,
    ),
  );
  charts.push(
    chart(
      {
        id: 'vus',
        title: LOAD_CHART_TITLES.vus,
        caption: `The engine's users gauge (active_users, sampled once a second; the most in each window, held between samples)${vusPlan ? ', against the VUs the scenario planned (dashed)' : ''}.`,
        xAxis: 'elapsed',
        yLabel: 'VUs',
        x: w.x,
        series: [{ label: 'VUs', values: gaugePerWindow(w, samples.vus.time, samples.vus.value) }, ...(vusPlan ? [{ label: 'planned VUs', values: w.x.map(vusPlan), reference: true }] : [])],
      },
      'The engine recorded no users gauge samples in this run (it samples the gauge once a second, so a run shorter than that has none).',
    ),
  );
  return charts;
}


