// Benchmark: the report of a one-hour run — its size (goal, issue #9: under 5 MB) and the time to render it from its
// run folder. The run is the synthetic hour of bench/fixtures/oneHourRun.ts (360,000 requests).

import { readChartLibrary } from '../scripts/report/chartLibrary.ts';
import { oneHourReport } from './fixtures/oneHourRun.ts';
import type { Figures } from './figures.ts';

export async function benchReport(): Promise<Figures> {
  const library = readChartLibrary();
  const started = performance.now();
  const html = await oneHourReport();
  const seconds = (performance.now() - started) / 1000;
  const bytes = Buffer.byteLength(html);
  return {
    'report of a one-hour run: size': { value: Math.round((bytes / 1e6) * 100) / 100, unit: 'MB (goal < 5)' },
    'report of a one-hour run: of which uPlot': { value: Math.round(((library.script.length + library.css.length) / 1e3) * 10) / 10, unit: 'kB' },
    'report of a one-hour run: render time (from its run folder)': { value: Math.round(seconds * 100) / 100, unit: 's' },
  };
}
