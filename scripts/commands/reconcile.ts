// `harness reconcile --run DIR [--deadline 30s] [--json]`: three-way reconciliation of a finished run folder.
// Exit 0 when every defect class is zero, 1 (TargetMissed) when any is not, 2 for a missing or malformed file.

import type { Command } from 'commander';
import { DEFECT_CLASSES } from '../../reconcile/reconcile.ts';
import { reconcileRunFolder, type RunReconciliation } from '../../reconcile/runFolder.ts';
import { runFile } from '../runFiles.ts';
import { loadTargets } from '../targets/load.ts';
import { TargetMissed, UsageError } from '../usageError.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

export function parseDeadline(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(raw.trim());
  if (!match) throw new UsageError(`--deadline ${raw}`, 'a duration such as 30s, 500ms or 2m', 'Give how long an 834 may take from confirmation to the insurer.');
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function table(r: RunReconciliation, runDir: string): string {
  const e = r.enrollments;
  const rows = [
    `  intended ${e.intended} · confirmed ${e.confirmed} · received ${e.received} · intact ${e.intact}`,
    ...DEFECT_CLASSES.map((c) => `  ${c.padEnd(16)} ${String(r.classes[c]).padStart(8)}${r.classes[c] > 0 ? '  ✗' : ''}`),
  ];
  const garbled = Object.entries(r.garbledByField).map(([f, n]) => `${f} ${n}`);
  if (garbled.length > 0) rows.push(`  garbled fields: ${garbled.join(', ')}`);
  rows.push(`  details: ${runFile(runDir, 'reconciliation')}`);
  return rows.join('\n');
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .description('reconcile intent, consumer ledger and insurer records of a run folder; exit 1 on any defect')
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--deadline <duration>', 'longest an 834 may take from confirmation to the insurer (default: deliveryDeadlineSeconds of targets.yaml)')
    .option('--json', 'print reconciliation.json instead of the table')
    .action(async (opts: { run: string; deadline?: string; json?: boolean }) => {
      const deadlineMs = opts.deadline ? parseDeadline(opts.deadline) : loadTargets().integrity.deliveryDeadlineSeconds * 1000;
      const result = await reconcileRunFolder(opts.run, deadlineMs);
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `reconciliation of ${opts.run}\n${table(result, opts.run)}\n`);
      const defects = DEFECT_CLASSES.filter((c) => result.classes[c] > 0);
      if (defects.length > 0) throw new TargetMissed(`integrity defects found: ${defects.map((c) => `${c} ${result.classes[c]}`).join(', ')}`);
    });
}
