// `harness compare --baseline DIR... --candidate DIR... [--min-effect 0.1] [--json]`: faster / same / slower per
// key metric across several runs a side. Exit 1 on a regression beyond the minimum effect.

import type { Command } from 'commander';
import { compareRuns, comparisonRows, type Comparison } from '../../analysis/compare.ts';
import { describeDifferences, differences } from '../../analysis/comparable.ts';
import { keyMetrics } from '../../analysis/keyMetrics.ts';
import type { RunSamples } from '../../analysis/runSamples.ts';
import { readRunSamples } from '../analysis/readRunSamples.ts';
import { readRunIdentity } from '../analysis/runIdentity.ts';
import { requireRunFolder } from '../analysis/runInputs.ts';
import { TargetMissed, UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption } from './options.ts';

function readSide(dirs: string[], flag: string): RunSamples[] {
  return dirs.map((dir) => readRunSamples(requireRunFolder(dir, flag)));
}

const format = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

export function comparisonTable(result: Comparison, sides: { baseline: number; candidate: number }): string {
  const rows = comparisonRows(result);
  const header = ['', 'metric', 'baseline', 'candidate', `change [${format(result.confidence * 100, 1)} % CI]`, 'MW p', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd();
  return [
    `compare: ${sides.baseline} baseline run(s) against ${sides.candidate} candidate run(s); minimum effect ${format(result.minEffect * 100, 0)} %`,
    line(header),
    ...rows.map(line),
    '',
    `VERDICT: ${result.verdict.toUpperCase()}`,
  ].join('\n');
}

/**
 * What differs between the runs of both sides (profile, scale, planned duration), one line each; a UsageError when
 * something does and mixing was not allowed.
 */
export function mixedRuns(dirs: { baseline: string[]; candidate: string[] }, allowMixed: boolean): string[] {
  for (const dir of dirs.baseline) requireRunFolder(dir, '--baseline');
  for (const dir of dirs.candidate) requireRunFolder(dir, '--candidate');
  const lines = describeDifferences(differences([...dirs.baseline, ...dirs.candidate].map(readRunIdentity)));
  if (lines.length > 0 && !allowMixed) {
    throw new UsageError(
      `--baseline ${dirs.baseline.join(' ')} --candidate ${dirs.candidate.join(' ')}`,
      'runs of one profile, scale and planned duration on both sides (the seed may differ)',
      `These differ: ${lines.join('; ')}. Compare runs of the same workload, or add --allow-mixed to compare them anyway.`,
    );
  }
  return lines;
}

export function register(program: Command): void {
  program
    .command('compare')
    .description('faster / same / slower per key metric, candidate runs against baseline runs; exit 1 on a regression')
    .requiredOption('--baseline <dirs...>', 'baseline run folders (results/<run-id>, or committed ones under results/baselines/)')
    .requiredOption('--candidate <dirs...>', 'candidate run folders')
    .option('--min-effect <share>', 'smallest relative change that counts', '0.1')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--allow-mixed', 'compare runs that differ in profile, scale or planned duration (the output says what differs)')
    .option('--json', 'print { verdict, metrics } as JSON')
    .action(async (opts: { baseline: string[]; candidate: string[]; minEffect: string; seed: string; allowMixed?: boolean; json?: boolean }) => {
      const minEffect = parseNumberOption('--min-effect', opts.minEffect, { min: 0.001, max: 0.999 });
      const seed = parseNumberOption('--seed', opts.seed, { integer: true, min: 0 });
      const baseline = readSide(opts.baseline, '--baseline');
      const candidate = readSide(opts.candidate, '--candidate');
      const mixed = mixedRuns({ baseline: opts.baseline, candidate: opts.candidate }, opts.allowMixed === true);
      const result = compareRuns(keyMetrics(baseline, candidate), { minEffect, bootstrap: { seed } });
      const warning = mixed.map((line) => `MIXED RUNS (--allow-mixed): ${line}\n`).join('');
      process.stdout.write(
        opts.json
          ? `${JSON.stringify({ ...result, mixed }, null, 2)}\n`
          : `${warning}${comparisonTable(result, { baseline: baseline.length, candidate: candidate.length })}\n`,
      );
      const slower = result.metrics.filter((m) => m.change === 'slower');
      if (slower.length > 0)
        throw new TargetMissed(`regression beyond the ${format(minEffect * 100, 0)} % minimum effect: ${slower.map((m) => m.key).join(', ')}`);
    });
}
