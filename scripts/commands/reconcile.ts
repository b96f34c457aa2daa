// `harness reconcile --run DIR [--deadline 30s] [--json]`: three-way reconciliation of a finished run folder;
// `harness reconcile --ledger FILE --edi DIR`: the ledger against the 834 files a real back end received.
// Exit 0 when every defect class is zero, 1 (TargetMissed) when any is not (or an 834 file did not read), 2 for a
// missing or malformed input.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { reconcileLedgerAgainstEdi, type EdiReconciliation } from '../../reconcile/ledgerAgainstEdi.ts';
import { DEFECT_CLASSES } from '../../reconcile/reconcile.ts';
import { reconcileRunFolder, type RunReconciliation } from '../../reconcile/runFolder.ts';
import { RUN_FILES, runFile } from '../../vocabulary/runFiles.ts';
import { loadTargets } from '../targets/load.ts';
import { durationMs } from '../../vocabulary/duration.ts';
import { TargetMissed, UsageError } from '../../vocabulary/errors.ts';

export function parseDeadline(raw: string): number {
  const ms = durationMs(raw);
  if (ms === undefined)
    throw new UsageError(`--deadline ${raw}`, 'a duration such as 30s, 500ms or 2m', 'Give how long an 834 may take from confirmation to the insurer.');
  return ms;
}

function table(r: RunReconciliation, detailsFile: string): string {
  const e = r.enrollments;
  const rows = [
    `  intended ${e.intended} · confirmed ${e.confirmed} · received ${e.received} · intact ${e.intact}`,
    ...DEFECT_CLASSES.map((c) => `  ${c.padEnd(16)} ${String(r.classes[c]).padStart(8)}${r.classes[c] > 0 ? '  ✗' : ''}`),
  ];
  const garbled = Object.entries(r.garbledByField).map(([f, n]) => `${f} ${n}`);
  if (garbled.length > 0) rows.push(`  garbled fields: ${garbled.join(', ')}`);
  rows.push(`  details: ${detailsFile}`);
  return rows.join('\n');
}

function ediLines(r: EdiReconciliation): string {
  const e = r.edi;
  const lines = [
    `  834 folder ${e.folder}: ${e.files} file(s), ${e.interchanges} interchange(s)${e.resent > 0 ? ` (${e.resent} re-sent)` : ''}, transactions ${e.transactions.accepted} accepted, ${e.transactions.rejected} rejected`,
    ...e.problems.slice(0, 20).map((p) => `  ✗ ${p.file}: ${p.detail}`),
    ...(e.problems.length > 20 ? [`  … and ${e.problems.length - 20} more (reconciliation.json: edi.problems)`] : []),
  ];
  if (r.applicants === null) lines.push('  no applicants file: household fields and the subsidy oracle were not compared (give --applicants FILE)');
  return lines.join('\n');
}

interface ReconcileFlags {
  run?: string;
  ledger?: string;
  edi?: string;
  applicants?: string;
  out?: string;
  deadline?: string;
  json?: boolean;
}

/** Exit 1 naming what was found: defect classes, and 834 files that did not read or transactions rejected. */
function findings(result: RunReconciliation, ediProblems: number): void {
  const defects = DEFECT_CLASSES.filter((c) => result.classes[c] > 0).map((c) => `${c} ${result.classes[c]}`);
  if (ediProblems > 0) defects.push(`834 files unreadable or rejected ${ediProblems}`);
  if (defects.length > 0) throw new TargetMissed(`integrity defects found: ${defects.join(', ')}`);
}

async function reconcileEdi(opts: ReconcileFlags, deadlineMs: number): Promise<void> {
  const ledgerFile = opts.ledger!;
  if (!existsSync(ledgerFile))
    throw new UsageError(
      `--ledger ${ledgerFile}`,
      "the consumers' ledger (ledger.ndjson of a run folder)",
      'Give the ledger.ndjson that `harness run` (e.g. with --base-url) wrote.',
    );
  if (opts.applicants !== undefined && !existsSync(opts.applicants))
    throw new UsageError(
      `--applicants ${opts.applicants}`,
      "the run's applicants file",
      'Give the applicants.ndjson of the same run, or leave --applicants out.',
    );
  const applicantsFile = opts.applicants ?? join(dirname(ledgerFile), RUN_FILES.applicants);
  const outFile = opts.out ?? join(dirname(ledgerFile), RUN_FILES.reconciliation);
  const result = await reconcileLedgerAgainstEdi({
    ledgerFile,
    ediDir: opts.edi!,
    applicantsFile: existsSync(applicantsFile) ? applicantsFile : undefined,
    deadlineMs,
    outFile,
  });
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : `reconciliation of ${ledgerFile} against the 834 files of ${opts.edi}\n${ediLines(result)}\n${table(result, outFile)}\n`,
  );
  findings(result, result.edi.problems.length);
}

export function register(program: Command): void {
  program
    .command('reconcile')
    .description(
      'reconcile intent, consumer ledger and insurer records of a run folder (--run), or a ledger against a folder of 834 files a real back end received (--ledger --edi); exit 1 on any defect',
    )
    .option('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--ledger <file>', "the consumers' ledger (a run folder's ledger.ndjson), with --edi")
    .option('--edi <dir>', "a folder of X12 834 files the back end received, one interchange a file (a file's modification time is when it was received)")
    .option('--applicants <file>', "with --ledger: the run's applicants (default: applicants.ndjson beside the ledger)")
    .option('--out <file>', 'with --ledger: where reconciliation.json goes (default: beside the ledger)')
    .option('--deadline <duration>', 'longest an 834 may take from confirmation to the insurer (default: deliveryDeadlineSeconds of targets.yaml)')
    .option('--json', 'print reconciliation.json instead of the table')
    .action(async (opts: ReconcileFlags) => {
      const byFolder = opts.ledger !== undefined || opts.edi !== undefined;
      if (opts.run !== undefined && byFolder)
        throw new UsageError(
          '--run with --ledger / --edi',
          'one of them',
          "Give --run DIR for a run of the mock, or --ledger FILE --edi DIR for a real back end's 834 files.",
        );
      if (opts.run === undefined && !byFolder)
        throw new UsageError(
          'reconcile',
          '--run DIR, or --ledger FILE --edi DIR',
          'Give a run folder, or a ledger and the folder of 834 files the back end received.',
        );
      if (byFolder && (opts.ledger === undefined || opts.edi === undefined))
        throw new UsageError(
          opts.ledger === undefined ? `--edi ${opts.edi}` : `--ledger ${opts.ledger}`,
          'both --ledger FILE and --edi DIR',
          "Give the consumers' ledger and the folder of 834 files together.",
        );
      if (!byFolder && (opts.applicants !== undefined || opts.out !== undefined))
        throw new UsageError(
          opts.applicants !== undefined ? '--applicants' : '--out',
          'only with --ledger and --edi',
          'A run folder holds its applicants and receives reconciliation.json itself.',
        );
      const deadlineMs = opts.deadline ? parseDeadline(opts.deadline) : loadTargets().integrity.deliveryDeadlineSeconds * 1000;
      if (byFolder) return reconcileEdi(opts, deadlineMs);
      const runDir = opts.run!;
      const result = await reconcileRunFolder(runDir, deadlineMs);
      process.stdout.write(
        opts.json ? `${JSON.stringify(result, null, 2)}\n` : `reconciliation of ${runDir}\n${table(result, runFile(runDir, 'reconciliation'))}\n`,
      );
      findings(result, 0);
    });
}
