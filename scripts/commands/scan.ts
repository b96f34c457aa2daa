// `harness scan --run DIR`: synthetic PII outside the files meant to hold it. Exit 1 on any hit.

import type { Command } from 'commander';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { TargetMissed, UsageError } from '../../vocabulary/errors.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusLabelTexts } from '../../scan/prometheusLabels.ts';
import type { ScannedText } from '../../scan/scanRun.ts';
import { openRunPrometheus } from '../observability/openRunPrometheus.ts';

/** The label values of the run's own Prometheus, opened again on its data; none (and why) when it had none. */
async function runLabelTexts(runDir: string): Promise<{ texts: ScannedText[]; note: string }> {
  let opened;
  try {
    opened = await openRunPrometheus(runDir, join(runDir, 'prometheus', 'scan.log'));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { texts: [], note: `Prometheus label values not scanned (${error.message.split('\n')[0]})` };
  }
  try {
    const texts = [await prometheusLabelTexts(opened.prometheus.baseUrl, opened.record.metrics!.testid)];
    return { texts, note: `scanned ${texts[0]!.lines.length} Prometheus label values of testid ${opened.record.metrics!.testid}` };
  } finally {
    await opened.close();
  }
}

export function register(program: Command): void {
  program
    .command('scan')
    .description("look for a run's synthetic SSNs, names and dates of birth outside the applicant file, the stores and the ledger")
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--json', 'print the findings as JSON')
    .action(async (opts: { run: string; json?: boolean }) => {
      if (!existsSync(opts.run)) throw new UsageError(`--run ${opts.run}`, 'an existing run folder', 'Give the folder `harness run` printed.');
      const labels = await runLabelTexts(opts.run);
      if (!opts.json) process.stdout.write(`scan: ${labels.note}\n`);
      const findings = await scanRunFolder(opts.run, labels.texts);
      if (opts.json) process.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
      else for (const f of findings) process.stdout.write(`${f.file}:${f.line}: ${f.kind} ${f.masked}\n`);
      if (findings.length > 0) throw new TargetMissed(`${findings.length} synthetic identities found outside the files meant to hold them (see above)`);
      if (!opts.json) process.stdout.write('scan: no synthetic PII outside the applicant file, the stores and the ledger\n');
    });
}
