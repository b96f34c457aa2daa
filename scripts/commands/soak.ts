// `harness soak --run DIR`: after a warm-up, is the run flat or drifting? Trend tests on the windowed p95 of the
// requests and, when the run kept them, on the exchange's own metrics (exchange-metrics.ndjson). Exit 1 on drift.

import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';
import { soakVerdict, type SoakResult } from '../../analysis/soak.ts';
import { soakWindows } from '../../analysis/soakSeries.ts';
import { windowedPercentile } from '../../analysis/windows.ts';
import { readRunSamples } from '../analysis/readK6Samples.ts';
import { requireRunFolder } from '../analysis/runInputs.ts';
import { runFile } from '../runFiles.ts';
import { parseDurationOption, parseNumberOption } from './options.ts';
import { TargetMissed, UsageError } from '../usageError.ts';

export interface SoakSeriesResult extends SoakResult {
  series: string;
}

function readExchangeMetrics(runDir: string, startMs: number): { series: Map<string, { t: number; value: number }[]>; note?: string } {
  const file = runFile(runDir, 'exchangeMetrics');
  if (!existsSync(file)) return { series: new Map(), note: `${file}: not in the run folder; exchange memory and event-loop lag not judged` };
  try {
    return { series: parseMetricSeries(readFileSync(file, 'utf8'), startMs) };
  } catch (error) {
    if (error instanceof MetricLineError) throw new UsageError(file, 'one JSON object a line with a "time" and numeric metrics', `Its ${error.message}.`);
    throw error;
  }
}

function table(results: SoakSeriesResult[], windows: { windowSeconds: number; warmupSeconds: number }, notes: string[]): string {
  const n = (v: number): string => (Number.isFinite(v) ? v.toPrecision(4) : '–');
  const rows = results.map((r) => [r.verdict === 'drifting' ? `DRIFTING ${r.direction}` : r.verdict, r.series, n(r.level), `${r.slopePerHour >= 0 ? '+' : ''}${n(r.slopePerHour)}/h`, n(r.projected), r.trend ? r.trend.pValue.toExponential(1) : '–', String(r.points)]);
  const header = ['', 'series', 'level', 'slope', 'at 8 h', 'MK p', 'windows'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd();
  const drifting = results.filter((r) => r.verdict === 'drifting');
  return [
    `soak: windows of ${windows.windowSeconds} s after a ${windows.warmupSeconds} s warm-up`,
    line(header),
    ...rows.map(line),
    ...notes.map((note) => `  note: ${note}`),
    '',
    drifting.length > 0 ? `VERDICT: DRIFTING — ${drifting.map((r) => r.series).join(', ')}` : 'VERDICT: FLAT',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('soak')
    .description('after a warm-up, flat or drifting: Mann–Kendall and Theil–Sen on windowed p95 and exchange metrics; exit 1 on drift')
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--window <duration>', 'window length (default 1m, shorter for short runs)')
    .option('--warmup <duration>', 'start of the run left out (default 5m, at most a tenth of the run)')
    .option('--min-change <share>', 'smallest change over 8 hours, as a share of the level, that counts as drift', '0.1')
    .option('--json', 'print the results as JSON')
    .action(async (opts: { run: string; window?: string; warmup?: string; minChange: string; json?: boolean }) => {
      const runDir = requireRunFolder(opts.run);
      const minRelativeChange = parseNumberOption('--min-change', opts.minChange, { min: 0 });
      const samples = await readRunSamples(runDir);
      const durationSeconds = (samples.end - samples.start) / 1000;
      const windows = soakWindows(durationSeconds, {
        ...(opts.window ? { windowSeconds: parseDurationOption('--window', opts.window) } : {}),
        ...(opts.warmup ? { warmupSeconds: parseDurationOption('--warmup', opts.warmup) } : {}),
      });
      const series = new Map<string, { t: number; value: number }[]>();
      series.set('http_req_duration p95 (ms)', windowedPercentile(samples.requests.time, samples.requests.duration, { startMs: samples.start, windowSeconds: windows.windowSeconds, p: 0.95, minSamples: 5 }));
      const exchange = readExchangeMetrics(runDir, samples.start);
      for (const [name, points] of exchange.series) series.set(`exchange ${name}`, points);
      const results: SoakSeriesResult[] = [...series].map(([name, points]) => ({ series: name, ...soakVerdict(points, { warmupSeconds: windows.warmupSeconds, minRelativeChange }) }));
      const notes = exchange.note ? [exchange.note] : [];
      if (results.every((r) => r.verdict === 'too short')) {
        throw new UsageError(
          runFile(runDir, 'k6Samples'),
          'a run long enough for 8 windows after the warm-up',
          `This run lasted ${durationSeconds.toFixed(0)} s (windows of ${windows.windowSeconds} s after a ${windows.warmupSeconds} s warm-up). Give a shorter --window or --warmup, or soak longer.`,
        );
      }
      process.stdout.write(opts.json ? `${JSON.stringify({ verdict: results.some((r) => r.verdict === 'drifting') ? 'drifting' : 'flat', ...windows, series: results, notes }, null, 2)}\n` : `${table(results, windows, notes)}\n`);
      const drifting = results.filter((r) => r.verdict === 'drifting');
      if (drifting.length > 0) throw new TargetMissed(`drifting: ${drifting.map((r) => `${r.series} ${r.slopePerHour >= 0 ? '+' : ''}${r.slopePerHour.toPrecision(3)}/h`).join(', ')}`);
    });
}
