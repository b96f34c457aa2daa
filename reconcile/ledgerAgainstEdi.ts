// `harness reconcile --ledger FILE --edi DIR`: what consumers were told (the ledger) against the 834 files a real back
// end received, with the same core as a run (reconcile.ts), written to reconciliation.json as a run writes it, plus
// what the folder held (files, interchanges, unreadable files and rejected transactions).

import { existsSync, writeFileSync } from 'node:fs';
import type { Household } from '../domain/household.ts';
import { readEdiFolder, type EdiProblem } from './ediFolder.ts';
import { readHouseholds, readLedger } from './ndjson.ts';
import { reconcile } from './reconcile.ts';
import type { RunReconciliation } from './runFolder.ts';

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
  const ledger = await readLedger(input.ledgerFile);
  const households: Household[] = input.applicantsFile && existsSync(input.applicantsFile) ? await readHouseholds(input.applicantsFile) : [];
  const folder = readEdiFolder(input.ediDir);
  const result = reconcile({ households, ledger, received: folder.records, deadlineMs: input.deadlineMs });
  const { records: _records, ...edi } = folder;
  const written: EdiReconciliation = {
    ...result,
    intact: result.enrollments.intact,
    edi: { folder: input.ediDir, ...edi },
    applicants: households.length > 0 ? input.applicantsFile! : null,
  };
  writeFileSync(input.outFile, `${JSON.stringify(written, null, 2)}\n`);
  return written;
}
