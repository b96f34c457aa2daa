// `harness report --run DIR` re-renders a run's report.html; `harness report --compare --baseline DIR… --candidate
// DIR…` writes the compare view (the inputs `harness compare` takes). Both are one self-contained offline page.

import { relative } from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { writeCompareReport } from '../report/writeCompareReport.ts';
import { writeRunReport } from '../report/writeRunReport.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption } from './options.ts';
import { ensureWritableFileFolder } from '../outputFolder.ts';

interface ReportOptions {
  run?: string;
  compare?: boolean;
  baseline?: string[];
  candidate?: string[];
  out?: string;
  targets: string;
  minEffect: string;
  seed: string;
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

export function register(program: Command): void {
  program
    .command('report')
    .description("write a run's report.html (--run DIR), or the compare view of baseline and candidate runs (--compare)")
    .option('--run <dir>', 'the run folder (results/<run-id>): writes its report.html')
    .option('--compare', 'the compare view of --baseline against --candidate runs')
    .option('--baseline <dirs...>', 'baseline run folders, with --compare')
    .option('--candidate <dirs...>', 'candidate run folders, with --compare')
    .option('--out <file>', 'where the compare view goes (default: compare-report.html in the first candidate folder)')
    .option('--targets <file>', "the targets file (the capacity section's SLO and think time)", DEFAULT_TARGETS_FILE)
    .option('--min-effect <share>', 'smallest relative change that counts, with --compare', '0.1')
    .option('--seed <n>', 'seed of the bootstrap, with --compare', '1')
    .action(async (opts: ReportOptions) => {
      const rel = (path: string): string => relative(PROJECT_ROOT, path) || path;
      if (opts.compare) {
        if (opts.run !== undefined)
          throw new UsageError(
            '--run with --compare',
            'one of them',
            'Give --run DIR for a run report, or --compare --baseline DIR… --candidate DIR… for the compare view.',
          );
        if (!opts.baseline?.length || !opts.candidate?.length)
          throw new UsageError('--compare', '--baseline DIR… and --candidate DIR…', 'Give the run folders of both sides, as to `harness compare`.');
        const minEffect = parseNumberOption('--min-effect', opts.minEffect, { min: 0.001, max: 0.999 });
        const seed = parseNumberOption('--seed', opts.seed, { integer: true, min: 0 });
        const out = opts.out === undefined ? undefined : ensureWritableFileFolder(opts.out, '--out');
        const written = await writeCompareReport({ baseline: opts.baseline, candidate: opts.candidate, out, minEffect, seed });
        process.stdout.write(`compare report: ${rel(written.file)} (${megabytes(written.bytes)}); verdict ${written.verdict.toUpperCase()}\n`);
        return;
      }
      if (opts.run === undefined)
        throw new UsageError('harness report', '--run DIR or --compare --baseline DIR… --candidate DIR…', 'Say which run folder to report on.');
      if (opts.baseline || opts.candidate || opts.out)
        throw new UsageError('--baseline / --candidate / --out', 'only with --compare', 'Drop them, or add --compare.');
      const written = await writeRunReport(opts.run, loadTargets(opts.targets));
      process.stdout.write(`report: ${rel(written.file)} (${megabytes(written.bytes)})\n`);
    });
}
