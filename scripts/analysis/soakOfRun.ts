// A soak analysis of a run folder: the windowed p95 of its requests and, when the run kept them, the exchange's own
// metrics (exchange-metrics.ndjson), each judged flat or drifting after the warm-up. Shared by `harness soak` and the
// analysis benchmark.

import { existsSync, readFileSync } from 'node:fs';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';
import { soakVerdict, type SeriesPoint, type SoakResult } from '../../analysis/soak.ts';
import { soakTooShort, soakWindows, type SoakWindows } from '../../analysis/soakSeries.ts';
import { unitOfName } from '../../report/units.ts';
import { windowedPercentile } from '../../analysis/windows.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { readRunSamples } from './readRunSamples.ts';

export interface SoakSeriesResult extends SoakResult {
  series: string;
  /** What its level, slope and projection are in: ms, MiB, s, or the series' own unit when it declares none. */
  unit: string | undefined;
}

const MiB = 1024 ** 2;

/**
 * An exchange series as judged: bytes in MiB (a level of 210 MiB, not 2.2e8), named for what it measures and in
 * what unit; every other series as it is, in the unit its name declares.
 */
export function judgedSeries(name: string, points: SeriesPoint[]): { name: string; unit: string | undefined; points: SeriesPoint[] } {
  const unit = unitOfName(name);
  if (unit === 'bytes')
    return { name: `exchange ${name.replace(/_?bytes$/i, '')} (MiB)`, unit: 'MiB', points: points.map((p) => ({ t: p.t, value: p.value / MiB })) };
  return { name: `exchange ${name}`, unit, points };
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
  // Per-second rows stand at their seconds' middles: the run covers half a period more at each end.
  const durationSeconds = (samples.end - samples.start) / 1000 + (samples.resolutionSeconds ?? 0);
  const { minRelativeChange, ...asked } = options;
  const windows = soakWindows(durationSeconds, asked);
  const short = soakTooShort(durationSeconds, windows);
  if (short) {
    throw new UsageError(
      `--run ${runDir}`,
      `a run of at least ${short.neededSeconds} s to judge drift: its ${short.warmupSeconds} s warm-up plus ${short.minJudgedSeconds} s of windows after it`,
      `This run lasted ${durationSeconds.toFixed(0)} s: a trend over less, projected to 8 hours, is noise. Soak longer (harness run soak), or give a shorter --warmup.`,
    );
  }
  const series = new Map<string, SeriesPoint[]>();
  const units = new Map<string, string | undefined>([['http_req_duration p95 (ms)', 'ms']]);
  series.set(
    'http_req_duration p95 (ms)',
    windowedPercentile(samples.requests.time, samples.requests.duration, {
      startMs: samples.start,
      windowSeconds: windows.windowSeconds,
      p: 0.95,
      minSamples: 5,
    }),
  );
  const exchange = readExchangeMetrics(runDir, samples.start);
  for (const [raw, points] of exchange.series) {
    const judged = judgedSeries(raw, points);
    series.set(judged.name, judged.points);
    units.set(judged.name, judged.unit);
  }
  const results: SoakSeriesResult[] = [...series].map(([name, points]) => ({
    series: name,
    unit: units.get(name),
    ...soakVerdict(points, { warmupSeconds: windows.warmupSeconds, minRelativeChange }),
  }));
  if (results.every((r) => r.verdict === 'too short')) {
    throw new UsageError(
      runFile(runDir, 'loadSeconds'),
      'a run long enough for 8 windows after the warm-up',
      `This run lasted ${durationSeconds.toFixed(0)} s (windows of ${windows.windowSeconds} s after a ${windows.warmupSeconds} s warm-up). Give a shorter --window or --warmup, or soak longer.`,
    );
  }
  return { results, series, windows, notes: exchange.note ? [exchange.note] : [] };
}
