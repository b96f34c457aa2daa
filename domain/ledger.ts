// The client-side ledger: what a simulated consumer was told by the exchange, recorded by k6 from responses.
// Never read from the exchange's own database: it is the consumer's side of the three-way reconciliation.

export interface LedgerEntry {
  householdId: string;
  confirmationNumber: string;
  /** 14-char plan id + '-' + variant, as the confirmation showed it. */
  planId: string;
  premium: number;
  aptc: number;
  owed: number;
  effectiveDate: string;
  /** ISO-8601 instant k6 received the confirmation. */
  confirmedAt: string;
}

/** k6 writes each ledger entry as one console line prefixed with this marker; the harness extracts them. */
export const LEDGER_LOG_MARKER = 'LEDGER ';
