// The facts `harness gate` judges a finished run folder on, read from the files the run wrote, and the verdict.
// Shared by `harness gate` and the analysis benchmark.

import { existsSync, readFileSync } from 'node:fs';
import { gateInputOf, piiFindingsOf, runRecordProblems, type RunFolderFacts, type RunRecord } from '../../analysis/gateInput.ts';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { gate, type GateInput } from '../../verdict/gate.ts';
import type { LoadSummary } from '../../verdict/loadSummary.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { nemesisJudgedOf, readNemesisRecord } from '../run/nemesis/record.ts';
import { readOptionalReconciliation, readOptionalRunJson, readRunJson } from './runInputs.ts';
import { verdictProblems } from '../../vocabulary/verdict.ts';
import { loadSummaryProblems } from '../../vocabulary/loadSummary.ts';

function requireShape<T>(value: T, file: string, expected: string, problems: string[]): T {
  if (problems.length > 0) throw new UsageError(file, expected, `Fix: ${problems.join('; ')}.`);
  return value;
}

async function readFacts(runDir: string): Promise<RunFolderFacts> {
  const runPath = runFile(runDir, 'run');
  const run = readRunJson<RunRecord>(runDir, 'run', "the run's parameters (runId, profile, count)");
  requireShape(run, runPath, "the run's parameters written by `harness run`", runRecordProblems(run));
  const summaryPath = runFile(runDir, 'loadSummary');
  if (!existsSync(summaryPath)) {
    throw new UsageError(
      summaryPath,
      "the load engine's end-of-test summary, written by `harness run` when the load ends",
      'The run folder has none: it was made before the harness had its own load engine, or its load never ended. Re-run the profile.',
    );
  }
  const loadSummary = readRunJson<LoadSummary>(runDir, 'loadSummary', "the load engine's end-of-test summary");
  if (loadSummaryProblems(loadSummary).length > 0) {
    throw new UsageError(summaryPath, "the load engine's end-of-test summary, with a metrics object", 'Restore it or re-run the profile.');
  }
  const reconciliation = readOptionalReconciliation(runDir);
  const previousVerdict = readOptionalRunJson<Verdict>(runDir, 'verdict', 'the earlier verdict');
  if (previousVerdict)
    requireShape(previousVerdict, runFile(runDir, 'verdict'), 'verdict.json as `harness run` or `harness gate` writes it', verdictProblems(previousVerdict));
  const piiFindings = existsSync(runFile(runDir, 'applicants')) ? (await scanRunFolder(runDir)).length : undefined;
  const ledgerFile = runFile(runDir, 'ledger');
  // A run against --base-url that nothing has reconciled yet: the confirmations come from the ledger itself.
  const ledgerEntries =
    !reconciliation && run.baseUrl !== undefined && existsSync(ledgerFile)
      ? readFileSync(ledgerFile, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '').length
      : undefined;
  return { run, loadSummary, reconciliation, previousVerdict, piiFindings, ...(ledgerEntries === undefined ? {} : { ledgerEntries }) };
}

/** Every target against the run folder; a UsageError when a file it needs is missing or malformed. */
export async function judgeRun(runDir: string, targets: Targets): Promise<{ facts: RunFolderFacts; input: GateInput; verdict: Verdict }> {
  const facts = await readFacts(runDir);
  const pii = piiFindingsOf(facts);
  if (pii === undefined) {
    throw new UsageError(
      runFile(runDir, 'applicants'),
      'the applicant file, to scan the run for synthetic PII',
      'Restore it (or the earlier verdict.json) and run the gate again.',
    );
  }
  const nemesis = readNemesisRecord(runDir);
  const input: GateInput = { ...gateInputOf(facts, targets, pii), ...(nemesis ? { nemesis: nemesisJudgedOf(nemesis) } : {}) };
  return { facts, input, verdict: gate(input) };
}
