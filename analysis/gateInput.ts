// What `harness gate` needs to judge a finished run folder again, assembled from the files the run wrote:
// run.json, load-summary.json, reconciliation.json and, for what older runs did not record, their verdict.json.

import type { Targets } from '../vocabulary/targets.ts';
import { LOAD_OUTCOME, type GateInput } from '../verdict/gate.ts';
import type { LoadSummary } from '../verdict/loadSummary.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { runRecordProblems, type RunRecord } from '../vocabulary/runRecord.ts';
import type { ReconciliationFile } from '../vocabulary/reconciliation.ts';

export { runRecordProblems, type RunRecord };

export interface RunFolderFacts {
  run: RunRecord;
  loadSummary: LoadSummary | undefined;
  /** reconciliation.json as the gate reads it (through its schema: `intact` in `enrollments`). */
  reconciliation: ReconciliationFile | undefined;
  previousVerdict: Verdict | undefined;
  /** Findings of a fresh PII scan, or undefined when the scan could not run (no applicants file). */
  piiFindings: number | undefined;
  /** Entries of ledger.ndjson, read when there is no reconciliation to take the confirmations from. */
  ledgerEntries?: number;
}

/** How a run against --base-url is told to check integrity, when nothing has reconciled it yet. */
export const REMOTE_INTEGRITY_HINT =
  'check it with `harness reconcile --ledger RUN/ledger.ndjson --edi DIR` (DIR: the 834 files the back end received), then `harness gate --run RUN`';

/** The outcomes the verdict's "load run" check names → exit codes. */
const EXIT_FROM_MEANING: Record<string, number> = Object.fromEntries(Object.entries(LOAD_OUTCOME).map(([code, meaning]) => [meaning, Number(code)]));

/**
 * The load's outcome as an exit code: as run.json recorded it (loadExitCode); else as the earlier verdict's "load run"
 * check named it; else inferred from the summary's thresholds (99 when one was crossed, 0 otherwise); -1 (never a
 * pass) when nothing tells.
 */
export function loadExitCodeOf(facts: Pick<RunFolderFacts, 'run' | 'previousVerdict' | 'loadSummary'>): number {
  if (facts.run.loadExitCode !== undefined) return facts.run.loadExitCode;
  const recorded = facts.previousVerdict?.checks.find((c) => c.name === 'load run')?.actual;
  if (typeof recorded === 'string') {
    if (recorded in EXIT_FROM_MEANING) return EXIT_FROM_MEANING[recorded]!;
    const code = /^exit code (-?\d+)$/.exec(recorded);
    if (code) return Number(code[1]);
  }
  if (facts.loadSummary) {
    const crossed = Object.values(facts.loadSummary.metrics).some((m) => Object.values(m.thresholds ?? {}).some((t) => !t.ok));
    return crossed ? 99 : 0;
  }
  return -1;
}

/** PII findings: a fresh scan when one ran, else what the earlier verdict recorded. */
export function piiFindingsOf(facts: Pick<RunFolderFacts, 'piiFindings' | 'previousVerdict'>): number | undefined {
  if (facts.piiFindings !== undefined) return facts.piiFindings;
  const recorded = facts.previousVerdict?.checks.find((c) => c.name === 'synthetic PII outside its files')?.actual;
  return typeof recorded === 'number' ? recorded : undefined;
}

export function gateInputOf(facts: RunFolderFacts, targets: Targets, piiFindings: number): GateInput {
  return {
    profile: facts.run.profile,
    runId: facts.run.runId,
    targets,
    loadSummary: facts.loadSummary,
    loadExitCode: loadExitCodeOf(facts),
    intended: facts.run.intendedEnrollments === undefined ? facts.run.count : (facts.run.intendedEnrollments ?? undefined),
    integrity: facts.reconciliation
      ? { confirmed: facts.reconciliation.enrollments.confirmed, received: facts.reconciliation.enrollments.intact, classes: facts.reconciliation.classes }
      : facts.run.baseUrl !== undefined && facts.ledgerEntries !== undefined
        ? { confirmed: facts.ledgerEntries, notChecked: REMOTE_INTEGRITY_HINT }
        : undefined,
    ...(facts.run.journeys !== undefined ? { confirmationsGated: false } : {}),
    piiFindings,
    maxDroppedIterations: facts.run.maxDroppedIterations ?? undefined,
  };
}
