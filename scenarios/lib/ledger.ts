// The client-side ledger: every confirmation a simulated consumer receives, written as one log line the harness extracts.
// Carries ids and amounts only: no names, SSNs or dates of birth.

import { LEDGER_LOG_MARKER, type LedgerEntry } from '../../domain/ledger.ts';
import type { Confirmation } from './exchangeClient.ts';

/** Records what the consumer of household `householdId` was told, as it was told, the moment it was told. */
export function recordConfirmation(householdId: string, confirmation: Confirmation): void {
  const { confirmationNumber, planId, premium, aptc, owed, effectiveDate } = confirmation;
  const entry: LedgerEntry = { householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt: new Date().toISOString() };
  console.log(`${LEDGER_LOG_MARKER}${JSON.stringify(entry)}`);
}
