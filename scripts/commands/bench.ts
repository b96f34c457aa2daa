// `harness bench` (npm run bench): runs the benchmarks, prints their figures and writes results/bench/latest.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { benchAnalysis } from '../../bench/analysis.ts';
import { benchApplicants } from '../../bench/applicants.ts';
import { formatFigures, type Figures } from '../../bench/figures.ts';
import { benchEndToEnd } from '../../bench/endToEnd.ts';
import { benchEngineCalibration } from '../../bench/engineCalibration.ts';
import { benchEngineVus } from '../../bench/engineVus.ts';
import { benchExchangeOverhead } from '../../bench/exchangeOverhead.ts';
import { benchFaultsClean } from '../../bench/faultsClean.ts';
import { benchShards } from '../../bench/shards.ts';
import { benchReconcile } from '../../bench/reconcile.ts';
import { benchReport } from '../../bench/report.ts';
import { benchSmokePhases } from '../../bench/smokePhases.ts';
import { benchWatch } from '../../bench/watch.ts';
import { DEFAULT_RESULTS_DIR } from '../run/runFolder.ts';
import { UsageError } from '../usageError.ts';

const BENCHMARKS: Record<string, () => Promise<Figures>> = {
  smoke: benchSmokePhases,
  applicants: () => benchApplicants(),
  reconcile: () => benchReconcile(),
  'end-to-end': () => benchEndToEnd(),
  'exchange-overhead': () => benchExchangeOverhead(),
  analysis: () => benchAnalysis(),
  report: () => benchReport(),
  watch: () => benchWatch(),
  shards: () => benchShards(),
  'engine-calibration': () => benchEngineCalibration(),
  vus: () => benchEngineVus(),
  'faults-clean': () => benchFaultsClean(),
};

export function register(program: Command): void {
  program
    .command('bench')
    .description('run benchmarks; prints figures and writes results/bench/latest.json')
    .argument('[names...]', `benchmarks to run (default all): ${Object.keys(BENCHMARKS).join(', ')}`)
    .action(async (names: string[]) => {
      const chosen = names.length > 0 ? names : Object.keys(BENCHMARKS);
      const all: Figures = {};
      for (const name of chosen) {
        const bench = BENCHMARKS[name];
        if (!bench) throw new UsageError(`benchmark "${name}"`, `one of ${Object.keys(BENCHMARKS).join(', ')}`, 'Run `harness bench` with no names for all.');
        process.stdout.write(`bench ${name}…\n`);
        const figures = await bench();
        process.stdout.write(`${formatFigures(figures)}\n`);
        Object.assign(all, figures);
      }
      const dir = join(DEFAULT_RESULTS_DIR, 'bench');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(all, null, 2)}\n`);
      process.stdout.write(`figures written to results/bench/latest.json\n`);
    });
}
