// Metric names the harness itself exposes to the run's Prometheus: what reconciliation found.
// One list for the harness, the dashboards and the docs.

export const HARNESS_METRICS = {
  reconciliationRecords: 'harness_reconciliation_records',
  enrollmentsConfirmed: 'harness_enrollments_confirmed',
  enrollmentsIntact: 'harness_enrollments_received_intact',
  /** `run --nemesis`: process faults sent, by kind; and 1 while one is under way (from the signal to the recovery). */
  nemesisEvents: 'harness_nemesis_events_total',
  nemesisActive: 'harness_nemesis_active',
} as const;

export const HARNESS_LABELS = {
  /** A defect class of reconciliation (domain.md section 1), or "intact". */
  class: 'class',
  /** A nemesis kind (scripts/run/nemesis/spec.ts): kill-exchange, pause-insurer, … */
  kind: 'kind',
} as const;
