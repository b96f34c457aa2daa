// Windows of a run's time for figures drawn from per-event times (the 834 deliveries, report/delivery.ts): a second per
// window for runs up to an hour, at least ~60 windows for a short one; rates a second per window; and the titles of the
// load's charts over time (drawn from the run page's store, report/liveCharts.ts).

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

/** The charts drawn from the load's samples, by id: the one list of their titles. */
export const LOAD_CHART_TITLES = {
  arrival: 'Arrival rate',
  throughput: 'Throughput',
  latency: 'Request latency',
  errors: 'Failed requests',
  vus: 'Active VUs',
} as const;
