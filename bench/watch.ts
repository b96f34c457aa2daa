// Benchmark: the harness's cost of serving the live page (`run --watch`) over a one-hour run: each of 3,600
// synthetic engine rows (bench/syntheticSeconds.ts, 100 requests a second) parsed as the tail reads it, added to the
// bounded store, and the update every page is sent built from it — what the watch server does each second. Gives
// that CPU time as a share of one core over the hour, the update's size at the end of the hour (sent once a second),
// and the points the store holds; then the page's own memory in Chromium over the same hour (bench/watchBrowser.ts).

import { liveCharts } from '../report/liveCharts.ts';
import { updateMessage } from '../report/livePage.ts';
import { LiveSeries, livePointOf, type LivePoint } from '../report/liveSeries.ts';
import type { Figures } from './figures.ts';
import { syntheticSecondRows } from './syntheticSeconds.ts';
import { benchWatchBrowser } from './watchBrowser.ts';

const HOUR = 3600;

export async function benchWatch(): Promise<Figures> {
  const lines: string[] = [];
  for (const row of syntheticSecondRows({ startMs: Date.UTC(2026, 0, 1), seconds: HOUR, vus: (t) => 50 + (t % 600) / 10, requestsPerSecond: () => 100, medianMs: (t) => 20 + (t % 300) / 30 })) lines.push(JSON.stringify(row));
  const executor = { executor: 'constant-arrival-rate' as const, rate: 16, seconds: HOUR, maxInFlight: 1000 };
  const store = new LiveSeries();
  let message = '';
  const cpu = process.cpuUsage();
  const started = performance.now();
  const points: LivePoint[] = [];
  for (const line of lines) {
    const point = livePointOf(JSON.parse(line) as Parameters<typeof livePointOf>[0]);
    points.push(point);
    store.push(point);
    message = updateMessage({ charts: liveCharts(store, executor), totals: { ...store.totals } });
  }
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    'watch, one-hour run: harness CPU serving the live page': { value: Math.round((cpuSeconds / HOUR) * 100 * 1000) / 1000, unit: '% of one core' },
    'watch, one-hour run: CPU for the whole hour of updates': { value: Math.round(cpuSeconds * 100) / 100, unit: `s (wall ${Math.round(wallSeconds * 100) / 100} s)` },
    'watch, one-hour run: update sent each second, at the end': { value: Math.round(Buffer.byteLength(message) / 100) / 10, unit: 'kB' },
    'watch, one-hour run: points kept a series': { value: store.length, unit: 'points (capacity 3,600)' },
    ...(await benchWatchBrowser(points, executor)),
  };
}
