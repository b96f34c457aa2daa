// Metric names of the mock exchange: the one list that services, dashboards and docs import.
// No label carries anything about a person: routes are patterns, outcomes and metals are small enumerations.

export const EXCHANGE_METRICS = {
  httpRequests: 'exchange_http_requests_total',
  httpDuration: 'exchange_http_request_duration_seconds',
  httpInFlight: 'exchange_http_requests_in_flight',
  accountsCreated: 'exchange_accounts_created_total',
  applicationsSubmitted: 'exchange_applications_submitted_total',
  eligibilityResults: 'exchange_eligibility_results_total',
  enrollmentsConfirmed: 'exchange_enrollments_confirmed_total',
  storeCommits: 'exchange_store_group_commits_total',
  storeCommitWrites: 'exchange_store_group_commit_writes_total',
  waitingRoomQueued: 'exchange_waiting_room_queue_length',
  waitingRoomActive: 'exchange_waiting_room_active_sessions',
  waitingRoomAdmitted: 'exchange_waiting_room_admitted_total',
  waitingRoomWait: 'exchange_waiting_room_wait_seconds',
  outboxDepth: 'exchange_outbox_depth',
  outboxOldestAge: 'exchange_outbox_oldest_undelivered_age_seconds',
  edi834Sent: 'exchange_edi834_sent_total',
  edi834Accepted: 'exchange_edi834_accepted_total',
  edi834Rejected: 'exchange_edi834_rejected_total',
  edi834Retried: 'exchange_edi834_retried_total',
  edi834DeliveryFailures: 'exchange_edi834_delivery_failures_total',
  edi834RetryBackoff: 'exchange_edi834_retry_backoff_seconds_total',
  deliveryLatency: 'exchange_edi834_delivery_latency_seconds',
  browseCacheBytes: 'exchange_browse_cache_bytes',
} as const;

export const EXCHANGE_LABELS = {
  route: 'route',
  method: 'method',
  status: 'status',
  outcome: 'outcome',
  metal: 'metal',
  issuer: 'issuer',
  reason: 'reason',
} as const;

/** Why an 834 post failed and will be retried: the `reason` label, a closed list. */
export const DELIVERY_FAILURE_REASONS = ['timeout', 'connection', 'http_error', 'unreadable_ack', 'internal'] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

/** Route names of the operational endpoints (../routes.ts): left out of the SLO rules and never faulted. */
export { OPERATIONAL_ROUTES } from '../routes.ts';

/** Buckets around a 1 s page SLO: fine below it, coarse above it. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];

/** Buckets for time spent in the waiting room: from an instant admission to the hours of launch day. */
export const WAIT_BUCKETS_SECONDS = [0, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** Buckets for 834 delivery latency: from sub-second batching to minutes of retrying. */
export const DELIVERY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
