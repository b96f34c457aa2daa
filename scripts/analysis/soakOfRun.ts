// A soak analysis of a run folder: the windowed p95 of its requests and, when the run kept them, the exchange's own
// metrics (exchange-metrics.ndjson), each judged flat or drifting after the warm-up. Shared by `harness soak` and the
// analysis benchmark.

import { existsSync, readFileSync } from 'node:fs';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';
import { soakVerdict, type SeriesPoint, type SoakResult } from '../../analysis/soak.ts';
import { soakWindows, type SoakWindows } from '../../analysis/soakSeries.ts';
import { windowedPercentile } from '../../analysis/windows.ts';
import { runFile } from '../runFiles.ts';
import { UsageError } from '../usageError.ts';
import { readRunSamples } from './readRunSamples.ts';

export interface SoakSeriesResult extends SoakResult {
  series: string;
}

function readExchangeMetrics(runDir: string, startMs: number): { series: Map<string, SeriesPoint[]>; note?: string } {
  const file = runFile(runDir, 'exchangeMetrics');
  if (!existsSync(file)) return { series: new Map(), note: `${file}: not in the run folder; exchange memory and event-loop lag not judged` };
  try {
    return { series: parseMetricSeries(readFileSync(file, 'utf8'), startMs) };
  } catch (error) {
    if (error instanceof MetricLineError) throw new UsageError(file, 'one JSON object a line with a "time" and numeric metrics', `Its ${error.message}.`);
    throw error;
  }
}

export interface SoakAnalysis {
  results: SoakSeriesResult[];
  /** The points each result judged (before the warm-up is left out), by series name. */
  series: Map<string, SeriesPoint[]>;
  windows: SoakWindows;
  notes: string[];
}

export function soakOfRun(runDir: string, options: Partial<SoakWindows> & { minRelativeChange: number }): SoakAnalysis {
  const samples = readRunSamples(runDir);
  const durationSeconds = (samples.end - samples.start) / 1000;
  const { minRelativeChange, ...asked } = options;
  const windows = soakWindows(durationSeconds, asked);
  const series = new Map<string, SeriesPoint[]>();
  series.set('http_req_duration p95 (ms)', windowedPercentile(samples.requests.time, samples.requests.duration, { startMs: samples.start, windowSeconds: windows.windowSeconds, p: 0.95, minSamples: 5 }));
  const exchange = readExchangeMetrics(runDir, samples.start);
  for (const [name, points] of exchange.series) series.set(`exchange ${name}`, points);
  const results: SoakSeriesResult[] = [...series].map(([name, points]) => ({ series: name, ...soakVerdict(points, { warmupSeconds: windows.warmupSeconds, minRelativeChange }) }));
  if (results.every((r) => r.verdict === 'too short')) {
    throw new UsageError(
      runFile(runDir, 'loadSeconds'),
      'a run long enough for 8 windows after the warm-up',
      `This run lasted ${durationSeconds.toFixed(0)} s (windows of ${windows.windowSeconds} s after a ${windows.warmupSeconds} s warm-up). Give a shorter --window or --warmup, or soak longer.`,
    );
  }
  return { results, series, windows, notes: exchange.note ? [exchange.note] : [] };
}
