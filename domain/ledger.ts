// The client-side ledger: what a simulated consumer was told by the exchange, written by the journey from the response.
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
  /** ISO-8601 instant the simulated consumer received the confirmation. */
  confirmedAt: string;
}
