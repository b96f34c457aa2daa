// `harness gate --run DIR [--targets FILE]`: judges a finished run folder again against the targets and writes
// verdict.json, summary.md and junit.xml. Exit 0 when every target held, 1 when one was missed, 2 on bad input.

import { existsSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { gateInputOf, piiFindingsOf, reconciliationProblems, runRecordProblems, type ReconciliationRecord, type RunFolderFacts, type RunRecord } from '../../analysis/gateInput.ts';
import { verdictJunit } from '../../analysis/junit.ts';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { gate } from '../../verdict/gate.ts';
import type { K6Summary } from '../../verdict/k6Summary.ts';
import { verdictMarkdown, verdictTable } from '../../verdict/render.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { readOptionalRunJson, readRunJson, requireRunFolder } from '../analysis/runInputs.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { runFile } from '../runFiles.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { TargetMissed, UsageError } from '../usageError.ts';

function requireShape<T>(value: T, file: string, expected: string, problems: string[]): T {
  if (problems.length > 0) throw new UsageError(file, expected, `Fix: ${problems.join('; ')}.`);
  return value;
}

async function readFacts(runDir: string): Promise<RunFolderFacts> {
  const runPath = runFile(runDir, 'run');
  const run = readRunJson<RunRecord>(runDir, 'run', "the run's parameters (runId, profile, count)");
  requireShape(run, runPath, "the run's parameters written by `harness run`", runRecordProblems(run));
  const k6Summary = readOptionalRunJson<K6Summary>(runDir, 'k6Summary', "k6's end-of-test summary");
  if (k6Summary && (typeof k6Summary !== 'object' || typeof k6Summary.metrics !== 'object' || k6Summary.metrics === null)) {
    throw new UsageError(runFile(runDir, 'k6Summary'), "k6's end-of-test summary with a metrics object", 'Restore it or re-run the profile.');
  }
  const reconciliation = readOptionalRunJson<ReconciliationRecord>(runDir, 'reconciliation', 'the reconciliation of the run');
  if (reconciliation) requireShape(reconciliation, runFile(runDir, 'reconciliation'), 'reconciliation.json as `harness reconcile` writes it', reconciliationProblems(reconciliation));
  const previousVerdict = readOptionalRunJson<Verdict>(runDir, 'verdict', 'the earlier verdict');
  const piiFindings = existsSync(runFile(runDir, 'applicants')) ? (await scanRunFolder(runDir)).length : undefined;
  return { run, k6Summary, reconciliation, previousVerdict, piiFindings };
}

export function register(program: Command): void {
  program
    .command('gate')
    .description('judge a run folder against the targets again: verdict.json, summary.md and junit.xml; exit 1 on a missed target')
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--targets <file>', 'the targets file', DEFAULT_TARGETS_FILE)
    .action(async (opts: { run: string; targets: string }) => {
      const runDir = requireRunFolder(opts.run);
      const targets = loadTargets(opts.targets);
      const facts = await readFacts(runDir);
      const pii = piiFindingsOf(facts);
      if (pii === undefined) {
        throw new UsageError(runFile(runDir, 'applicants'), 'the applicant file, to scan the run for synthetic PII', 'Restore it (or the earlier verdict.json) and run the gate again.');
      }
      const input = gateInputOf(facts, targets, pii);
      const verdict = gate(input);
      const rel = (path: string): string => relative(PROJECT_ROOT, path) || path;
      const summaryFacts: Record<string, string> = {
        'enrollments confirmed by the exchange': String(facts.reconciliation?.enrollments.confirmed ?? 'not reconciled'),
        'received intact by the insurer': String(facts.reconciliation?.intact ?? 'not reconciled'),
        'k6': `${facts.run.k6 ?? 'unknown version'} (exit ${input.k6ExitCode})`,
        'seed': String(facts.run.seed ?? 'unknown'),
        'targets': rel(opts.targets),
        'judged by': '`harness gate` on the files of the run folder',
      };
      if (facts.run.faults) summaryFacts['fault switches'] = `\`${facts.run.faults}\``;
      writeFileSync(runFile(runDir, 'verdict'), `${JSON.stringify(verdict, null, 2)}\n`);
      writeFileSync(runFile(runDir, 'summary'), verdictMarkdown(verdict, summaryFacts));
      writeFileSync(runFile(runDir, 'junit'), verdictJunit(verdict));
      process.stdout.write(`harness gate ${rel(runDir)}\n${verdictTable(verdict)}\n  written: verdict.json, summary.md, junit.xml\n`);
      if (!verdict.pass) throw new TargetMissed(`missed: ${verdict.checks.filter((c) => !c.pass).map((c) => c.name).join(', ')}`);
    });
}
