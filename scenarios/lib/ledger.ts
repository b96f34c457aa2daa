// The client-side ledger: every confirmation a simulated consumer receives, written as one log line the harness extracts.
// Carries ids and amounts only: no names, SSNs or dates of birth.

import { LEDGER_LOG_MARKER, type LedgerEntry } from '../../domain/ledger.ts';

export function recordConfirmation(entry: LedgerEntry): void {
  console.log(`${LEDGER_LOG_MARKER}${JSON.stringify(entry)}`);
}
