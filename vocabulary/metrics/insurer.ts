// Metric names of the mock insurer: the one list the service, dashboards and docs import.
// No label carries anything about a person: outcomes, statuses and fault names are small enumerations.

export const INSURER_METRICS = {
  httpRequests: 'insurer_http_requests_total',
  httpDuration: 'insurer_http_request_duration_seconds',
  interchangesReceived: 'insurer_interchanges_received_total',
  interchangesAccepted: 'insurer_interchanges_accepted_total',
  interchangesRejected: 'insurer_interchanges_rejected_total',
  interchangesResent: 'insurer_interchanges_resent_total',
  interchangesByLayout: 'insurer_interchanges_by_layout_total',
  transactions: 'insurer_transactions_total',
  membersStored: 'insurer_members_stored_total',
  faultsInjected: 'insurer_faults_injected_total',
} as const;

export const INSURER_LABELS = {
  route: 'route',
  method: 'method',
  status: 'status',
  /** accepted | partial | rejected | envelopeRejected */
  outcome: 'outcome',
  fault: 'fault',
  /** exchange | legacy: how loop 2750 was written (domain/edi834/vocabulary.ts LAYOUTS). */
  layout: 'layout',
} as const;

/** An 834 post of a few hundred enrollments takes milliseconds to a few seconds; insurer.slow adds more. */
export const INSURER_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
