// The waiting room over the run, from the load's own samples (marketplace_waiting_room_wait: one per consumer who entered
// it — browsers do not — stamped when the wait ended): how long consumers waited, and how many were waiting at each moment — every wait is an
// interval [end − wait, end], and the queue's length at t is the intervals that cover t.

import type { RunSamples } from '../analysis/runSamples.ts';
import { windowedPercentile } from '../analysis/windows.ts';
import { chart, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { windowsOf } from './timeline.ts';

/** Consumers waiting at each x (seconds since startMs), from wait intervals ending at `ends` (ms) lasting `waits` (ms). */
export function waitingAt(ends: readonly number[], waits: readonly number[], startMs: number, x: readonly number[]): number[] {
  const begins = Float64Array.from(ends, (end, i) => end - waits[i]!).sort();
  const finished = Float64Array.from(ends).sort();
  let b = 0, f = 0;
  return x.map((t) => {
    const at = startMs + t * 1000;
    while (b < begins.length && begins[b]! <= at) b++;
    while (f < finished.length && finished[f]! < at) f++;
    return b - f;
  });
}

export const WAITING_ROOM_CHART_TITLES = { 'waiting-length': 'Waiting room: consumers waiting', 'waiting-wait': 'Waiting room: time waited' } as const;

export function waitingRoomCharts(samples: RunSamples): ReportChart[] {
  const { time, wait } = samples.waitingRoom;
  const w = windowsOf(samples.start, samples.end, samples.resolutionSeconds);
  const byWindow = (p: number): Y[] => {
    const out: Y[] = new Array<Y>(w.count).fill(null);
    for (const point of windowedPercentile(time, wait, { startMs: w.startMs, windowSeconds: w.seconds, p })) out[Math.min(w.count - 1, Math.floor(point.t / w.seconds))] = point.value / 1000;
    return out;
  };
  const none = "No consumer went through the waiting room: the engine recorded no marketplace_waiting_room_wait samples (this profile's journeys do not enter it, or the run predates the report).";
  return [
    chart(
      { id: 'waiting-length', title: WAITING_ROOM_CHART_TITLES['waiting-length'], caption: 'Consumers in the waiting room at each moment, from the start and end of every wait the engine recorded.', xAxis: 'elapsed', yLabel: 'consumers', x: w.x, series: [{ label: 'waiting', values: waitingAt(time, wait, samples.start, w.x) }] },
      none,
    ),
    chart(
      { id: 'waiting-wait', title: WAITING_ROOM_CHART_TITLES['waiting-wait'], caption: 'Seconds a consumer waited before admission (or giving up), p50, p95 and max by the time the wait ended.', xAxis: 'elapsed', yLabel: 's', x: w.x, series: [{ label: 'p50', values: byWindow(0.5) }, { label: 'p95', values: byWindow(0.95) }, { label: 'max', values: byWindow(1) }] },
      none,
    ),
  ];
}
