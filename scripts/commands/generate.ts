// `harness generate`: seeded synthetic applicants to a file, or the distribution of an existing file.

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { describeHouseholds, formatDistribution } from '../../applicants/describe.ts';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import { readHouseholds } from '../../reconcile/ndjson.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption, parsePlanYear } from './options.ts';
import { ensureWritableFileFolder } from '../outputFolder.ts';

interface GenerateOptions {
  count?: string;
  seed: string;
  planYear: string;
  out?: string;
  describe?: string;
}

export function register(program: Command): void {
  program
    .command('generate')
    .description('write seeded synthetic households (NDJSON, one per line), or --describe an existing file')
    .option('--count <n>', 'how many households')
    .option('--seed <n>', 'seed: the same seed gives byte-identical output', '1')
    .option('--plan-year <year>', 'coverage year whose rules the expected answers follow: 2025 or 2026', '2026')
    .option('--out <file>', 'where to write')
    .option('--describe <file>', 'print the distribution of an NDJSON applicant file beside the target shares')
    .action(async (opts: GenerateOptions) => {
      if (opts.describe) {
        if (!existsSync(opts.describe))
          throw new UsageError(
            `--describe ${opts.describe}`,
            'an NDJSON applicant file (one household per line)',
            'Check the path; `harness generate --count N --out FILE` writes one.',
          );
        process.stdout.write(`${formatDistribution(describeHouseholds(await readHouseholds(opts.describe)))}\n`);
        return;
      }
      if (opts.count === undefined) throw new UsageError('--count', 'the number of households to generate', 'Give e.g. --count 1000 --out applicants.ndjson.');
      if (!opts.out) throw new UsageError('--out', 'the file to write', 'Give e.g. --out applicants.ndjson.');
      const count = parseNumberOption('--count', opts.count, { integer: true, min: 1 });
      const seed = parseNumberOption('--seed', opts.seed, { integer: true, min: 0 });
      const planYear = parsePlanYear(opts.planYear);
      const started = Date.now();
      const written = await writeApplicantsFile({ count, seed, planYear, file: ensureWritableFileFolder(opts.out, '--out') });
      process.stderr.write(
        `generated ${written} households (seed ${seed}, plan year ${planYear}) into ${opts.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
}
