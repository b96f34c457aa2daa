// Reconciles a run folder: reads applicants, ledger and insurer records (and injected.json when present)
// and writes reconciliation.json. Used by `harness run` after the load and by `harness reconcile --run`.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { runFile } from '../vocabulary/runFiles.ts';
import { UsageError } from '../vocabulary/errors.ts';
import { requireRunFile } from './ndjson.ts';
import { sharedNdjson } from './ndjsonShares.ts';
import type { CutOff } from './reconcile.ts';
import { reconciliationJson, type RunReconciliation } from '../vocabulary/reconciliation.ts';
import { reconcileStreams, type ReconcileStreamsInput } from './stream.ts';

export type { RunReconciliation };

function readInjected(runDir: string): unknown {
  const file = runFile(runDir, 'injected');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(file, 'a JSON object of injected fault counts', `It does not parse (${(error as Error).message}); delete it or re-run.`);
  }
}

/** pending-at-cut-off.json, when the run wrote one (runs before it existed count what was pending as lost). */
function readCutOff(runDir: string): CutOff | undefined {
  const file = runFile(runDir, 'pendingAtCutOff');
  if (!existsSync(file)) return undefined;
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as { cutOffAt: string; waitedMs: number; pending: { confirmationNumber: string }[] };
    return { cutOffAt: read.cutOffAt, waitedMs: read.waitedMs, confirmations: new Set(read.pending.map((p) => p.confirmationNumber)) };
  } catch (error) {
    throw new UsageError(
      file,
      'the JSON the run wrote ({ cutOffAt, waitedMs, pending: [...] })',
      `It does not read (${(error as Error).message}); delete it or re-run.`,
    );
  }
}

/** About how many ledger entries a ledger file of this size holds (a line is 200–250 bytes): to size the partitions. */
export const ledgerEntriesIn = (file: string): number => Math.ceil(statSync(file).size / 200);

/** How many partitions and threads (default: from the ledger's size and the cores), and where partitions go. */
export type RunFolderTuning = Pick<ReconcileStreamsInput, 'partitions' | 'workers' | 'spillDir'>;

export async function reconcileRunFolder(runDir: string, deadlineMs: number, tuning: RunFolderTuning = {}): Promise<RunReconciliation> {
  if (!existsSync(runDir)) throw new UsageError(`run folder ${runDir}`, 'an existing results/<run-id> folder', 'Give --run the folder `harness run` printed.');
  const files = { applicants: runFile(runDir, 'applicants'), ledger: runFile(runDir, 'ledger'), insurerRecords: runFile(runDir, 'insurerRecords') };
  requireRunFile(files.applicants, 'household');
  requireRunFile(files.ledger, 'ledger entry');
  requireRunFile(files.insurerRecords, 'insurer record');
  const injected = readInjected(runDir);
  const cutOff = readCutOff(runDir);
  // Streamed: a run of any size is reconciled in bounded memory (stream.ts); the files are read in byte ranges by the
  // threads side by side (ndjsonShares.ts), or whole by the main thread when the run is too small for threads.
  const { result } = await reconcileStreams({
    ledger: sharedNdjson(files.ledger, 'ledgerShare'),
    households: sharedNdjson(files.applicants, 'householdShare'),
    received: sharedNdjson(files.insurerRecords, 'insurerRecordShare'),
    deadlineMs,
    ...tuning,
    expectedEnrollments: ledgerEntriesIn(files.ledger),
    ...(cutOff ? { cutOff } : {}),
  });
  const written: RunReconciliation = { ...result, ...(injected === undefined ? {} : { injected }) };
  writeFileSync(runFile(runDir, 'reconciliation'), reconciliationJson(written));
  return written;
}
