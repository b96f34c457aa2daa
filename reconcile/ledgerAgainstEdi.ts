// `harness reconcile --ledger FILE --edi DIR`: what consumers were told (the ledger) against the 834 files a real back
// end received, with the same core as a run (reconcile.ts), written to reconciliation.json as a run writes it, plus
// what the folder held (files, interchanges, unreadable files and rejected transactions).

import { existsSync, writeFileSync } from 'node:fs';
import type { Household } from '../domain/household.ts';
import { readEdiFolder, type EdiProblem } from './ediFolder.ts';
import { requireRunFile, streamHouseholds, streamLedger } from './ndjson.ts';
import { ledgerEntriesIn, type RunReconciliation } from './runFolder.ts';
import { reconcileStreams } from './stream.ts';
import { reconciliationJson } from '../vocabulary/reconciliation.ts';

export interface EdiReconciliation extends RunReconciliation {
  edi: {
    folder: string;
    files: number;
    interchanges: number;
    resent: number;
    transactions: { accepted: number; rejected: number };
    problems: EdiProblem[];
  };
  /** The applicants file the household fields and the subsidy oracle were compared with; null when there was none. */
  applicants: string | null;
}

export interface EdiReconcileInput {
  ledgerFile: string;
  ediDir: string;
  /** The run's applicants (household fields, the oracle's APTC); without it only the ledger's fields are compared. */
  applicantsFile: string | undefined;
  deadlineMs: number;
  outFile: string;
}

export async function reconcileLedgerAgainstEdi(input: EdiReconcileInput): Promise<EdiReconciliation> {
  requireRunFile(input.ledgerFile, 'ledger entry');
  const applicants = input.applicantsFile && existsSync(input.applicantsFile) ? input.applicantsFile : undefined;
  const folder = readEdiFolder(input.ediDir);
  let householdsRead = 0;
  async function* households(file: string): AsyncGenerator<Household> {
    for await (const h of streamHouseholds(file)) {
      householdsRead++;
      yield h;
    }
  }
  // The ledger and the applicants streamed (stream.ts); the folder's records are already in memory, as read.
  const { result } = await reconcileStreams({
    ledger: streamLedger(input.ledgerFile),
    households: applicants ? households(applicants) : [],
    received: folder.records,
    deadlineMs: input.deadlineMs,
    expectedEnrollments: ledgerEntriesIn(input.ledgerFile),
  });
  const { records: _records, ...edi } = folder;
  const written: EdiReconciliation = {
    ...result,
    edi: { folder: input.ediDir, ...edi },
    applicants: householdsRead > 0 ? applicants! : null,
  };
  writeFileSync(input.outFile, reconciliationJson(written));
  return written;
}
