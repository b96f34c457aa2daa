// Metric names the harness itself exposes to the run's Prometheus: what reconciliation found.
// One list for the harness, the dashboards and the docs.

export const HARNESS_METRICS = {
  reconciliationRecords: 'harness_reconciliation_records',
  enrollmentsConfirmed: 'harness_enrollments_confirmed',
  enrollmentsIntact: 'harness_enrollments_received_intact',
} as const;

export const HARNESS_LABELS = {
  /** A defect class of reconciliation (domain.md section 1), or "intact". */
  class: 'class',
} as const;
