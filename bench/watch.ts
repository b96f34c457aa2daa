// Benchmark: the harness's cost of serving the live page (`run --watch`) over a one-hour run (bench/watchRun.ts:
// each second an engine row and a reading of the exchange's /metrics written to a run folder, read back as the run
// page's state, and the update every page is sent built from it — what the watch server does each second, the same
// state report.html is rendered from). Gives that CPU time as a share of one core over the hour, the update's size
// at the end of the hour (sent once a second), and the points the store holds; then the page's own memory in
// Chromium over the same hour (bench/watchBrowser.ts).

import type { Figures } from './figures.ts';
import { benchWatchBrowser } from './watchBrowser.ts';
import { syntheticWatchRun, WATCH_HOUR } from './watchRun.ts';

export async function benchWatch(): Promise<Figures> {
  const run = syntheticWatchRun();
  let message = '';
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    for (let next = await run.step(); next !== undefined; next = await run.step()) message = next;
  } finally {
    run.close();
  }
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = (used.user + used.system) / 1e6;
  const throughput = (JSON.parse(message.slice(message.indexOf('data: ') + 6)) as { charts: { id: string; x: number[] }[] }).charts.find(
    (c) => c.id === 'throughput',
  );
  return {
    'watch, one-hour run: harness CPU serving the live page': { value: Math.round((cpuSeconds / WATCH_HOUR) * 100 * 1000) / 1000, unit: '% of one core' },
    'watch, one-hour run: CPU for the whole hour of updates': {
      value: Math.round(cpuSeconds * 100) / 100,
      unit: `s (wall ${Math.round(wallSeconds * 100) / 100} s)`,
    },
    'watch, one-hour run: update sent each second, at the end': { value: Math.round(Buffer.byteLength(message) / 100) / 10, unit: 'kB' },
    'watch, one-hour run: points a chart is sent': { value: throughput?.x.length ?? 0, unit: 'points' },
    ...(await benchWatchBrowser()),
  };
}
