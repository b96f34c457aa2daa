// `harness scan --run DIR`: synthetic PII outside the files meant to hold it. Exit 1 on any hit.

import type { Command } from 'commander';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { TargetMissed, UsageError } from '../usageError.ts';
import { existsSync } from 'node:fs';

export function register(program: Command): void {
  program
    .command('scan')
    .description("look for a run's synthetic SSNs, names and dates of birth outside the applicant file, the stores and the ledger")
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--json', 'print the findings as JSON')
    .action(async (opts: { run: string; json?: boolean }) => {
      if (!existsSync(opts.run)) throw new UsageError(`--run ${opts.run}`, 'an existing run folder', 'Give the folder `harness run` printed.');
      const findings = await scanRunFolder(opts.run);
      if (opts.json) process.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
      else for (const f of findings) process.stdout.write(`${f.file}:${f.line}: ${f.kind} ${f.masked}\n`);
      if (findings.length > 0) throw new TargetMissed(`${findings.length} synthetic identities found outside the files meant to hold them (see above)`);
      if (!opts.json) process.stdout.write('scan: no synthetic PII outside the applicant file, the stores and the ledger\n');
    });
}
