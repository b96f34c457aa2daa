// Benchmark: the report of a one-hour run — its size (goal, issue #9: under 5 MB) and the time to render it from
// samples already in memory. The run is the synthetic hour of test/report/fixtures/oneHourRun.ts (360,000 requests).

import { readChartLibrary } from '../scripts/report/chartLibrary.ts';
import { oneHourReport } from './fixtures/oneHourRun.ts';
import type { Figures } from './figures.ts';

export async function benchReport(): Promise<Figures> {
  const library = readChartLibrary();
  const started = performance.now();
  const html = oneHourReport(library);
  const seconds = (performance.now() - started) / 1000;
  const bytes = Buffer.byteLength(html);
  return {
    'report of a one-hour run: size': { value: Math.round((bytes / 1e6) * 100) / 100, unit: 'MB (goal < 5)' },
    'report of a one-hour run: of which uPlot': { value: Math.round(((library.script.length + library.css.length) / 1e3) * 10) / 10, unit: 'kB' },
    'report of a one-hour run: render time (samples in memory)': { value: Math.round(seconds * 100) / 100, unit: 's' },
  };
}
