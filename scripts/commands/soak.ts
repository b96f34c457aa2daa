// `harness soak --run DIR`: after a warm-up, is the run flat or drifting? Trend tests on the windowed p95 of the
// requests and, when the run kept them, on the exchange's own metrics (exchange-metrics.ndjson). Exit 1 on drift.

import type { Command } from 'commander';
import { soakOfRun, type SoakSeriesResult } from '../analysis/soakOfRun.ts';
import { requireRunFolder } from '../analysis/runInputs.ts';
import { TargetMissed } from '../../vocabulary/errors.ts';
import { parseDurationOption, parseNumberOption } from './options.ts';

function table(results: SoakSeriesResult[], windows: { windowSeconds: number; warmupSeconds: number }, notes: string[]): string {
  const n = (v: number): string => (Number.isFinite(v) ? v.toPrecision(4) : '–');
  const rows = results.map((r) => [
    r.verdict === 'drifting' ? `DRIFTING ${r.direction}` : r.verdict,
    r.series,
    r.unit ?? '',
    n(r.level),
    `${r.slopePerHour >= 0 ? '+' : ''}${n(r.slopePerHour)}/h`,
    n(r.projected),
    r.trend ? r.trend.pValue.toExponential(1) : '–',
    String(r.points),
  ]);
  const header = ['', 'series', 'unit', 'level', 'slope', 'at 8 h', 'MK p', 'windows'];
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
      const { results, windows, notes } = soakOfRun(runDir, {
        minRelativeChange: parseNumberOption('--min-change', opts.minChange, { min: 0 }),
        ...(opts.window ? { windowSeconds: parseDurationOption('--window', opts.window) } : {}),
        ...(opts.warmup ? { warmupSeconds: parseDurationOption('--warmup', opts.warmup) } : {}),
      });
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ verdict: results.some((r) => r.verdict === 'drifting') ? 'drifting' : 'flat', ...windows, series: results, notes }, null, 2)}\n`
          : `${table(results, windows, notes)}\n`,
      );
      const drifting = results.filter((r) => r.verdict === 'drifting');
      if (drifting.length > 0)
        throw new TargetMissed(
          `drifting: ${drifting.map((r) => `${r.series} ${r.slopePerHour >= 0 ? '+' : ''}${r.slopePerHour.toPrecision(3)}/h`).join(', ')}`,
        );
    });
}
