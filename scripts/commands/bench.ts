// `harness bench` (npm run bench): runs the benchmarks, prints their figures and writes results/bench/latest.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatFigures, type Figures } from '../../bench/figures.ts';
import { DEFAULT_RESULTS_DIR } from '../run/runFolder.ts';
import { UsageError } from '../../vocabulary/errors.ts';

/** Each bench's module is loaded when it runs: the CLI's start-up stays quick for every other command. */
const BENCHMARKS: Record<string, () => Promise<Figures>> = {
  smoke: () => import('../../bench/smokePhases.ts').then((m) => m.benchSmokePhases()),
  applicants: () => import('../../bench/applicants.ts').then((m) => m.benchApplicants()),
  reconcile: () => import('../../bench/reconcile.ts').then((m) => m.benchReconcile()),
  'end-to-end': () => import('../../bench/endToEnd.ts').then((m) => m.benchEndToEnd()),
  'exchange-overhead': () => import('../../bench/exchangeOverhead.ts').then((m) => m.benchExchangeOverhead()),
  'outbox-tick': () => import('../../bench/outboxTick.ts').then((m) => m.benchOutboxTick()),
  'exchange-routes': () => import('../../bench/exchangeRoutes.ts').then((m) => m.benchExchangeRoutes()),
  analysis: () => import('../../bench/analysis.ts').then((m) => m.benchAnalysis()),
  report: () => import('../../bench/report.ts').then((m) => m.benchReport()),
  watch: () => import('../../bench/watch.ts').then((m) => m.benchWatch()),
  shards: () => import('../../bench/shards.ts').then((m) => m.benchShards()),
  'engine-calibration': () => import('../../bench/engineCalibration.ts').then((m) => m.benchEngineCalibration()),
  vus: () => import('../../bench/engineVus.ts').then((m) => m.benchEngineVus()),
  'soak-self': () => import('../../bench/soakSelf.ts').then((m) => m.benchSoakSelf()),
  'faults-clean': () => import('../../bench/faultsClean.ts').then((m) => m.benchFaultsClean()),
};

/** Run only when named: hours long (soak-self soaks the harness for 2 hours). */
const ON_REQUEST = new Set(['soak-self']);
const BY_DEFAULT = Object.keys(BENCHMARKS).filter((name) => !ON_REQUEST.has(name));

export function register(program: Command): void {
  program
    .command('bench')
    .description('run benchmarks; prints figures and writes results/bench/latest.json')
    .argument('[names...]', `benchmarks to run (default all but ${[...ON_REQUEST].join(', ')}): ${Object.keys(BENCHMARKS).join(', ')}`)
    .action(async (names: string[]) => {
      const chosen = names.length > 0 ? names : BY_DEFAULT;
      const all: Figures = {};
      for (const name of chosen) {
        const bench = BENCHMARKS[name];
        if (!bench)
          throw new UsageError(
            `benchmark "${name}"`,
            `one of ${Object.keys(BENCHMARKS).join(', ')}`,
            `Run \`harness bench\` with no names for all but ${[...ON_REQUEST].join(', ')}.`,
          );
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
