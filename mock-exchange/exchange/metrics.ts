// The exchange's Prometheus metrics on a registry passed in (never the global one).

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { httpMetrics } from '../service/httpMetrics.ts';
import { collectProcessMetrics } from '../service/processMetrics.ts';
import { allIssuerIds } from '../../domain/catalog.ts';
import {
  DELIVERY_BUCKETS_SECONDS,
  DELIVERY_FAILURE_REASONS,
  EXCHANGE_LABELS as L,
  EXCHANGE_METRICS as M,
  LATENCY_BUCKETS_SECONDS,
  WAIT_BUCKETS_SECONDS,
} from '../../vocabulary/metrics/exchange.ts';
import { EXCHANGE_DEFAULT_METRICS_PREFIX } from '../../vocabulary/metrics/process.ts';

export function createExchangeMetrics(registry: Registry) {
  collectProcessMetrics(registry, EXCHANGE_DEFAULT_METRICS_PREFIX);
  const registers = [registry];
  const metrics = {
    ...httpMetrics(registry, { names: M, labels: L, buckets: LATENCY_BUCKETS_SECONDS }),
    httpInFlight: new Gauge({ name: M.httpInFlight, help: 'HTTP requests being served', registers }),
    accountsCreated: new Counter({ name: M.accountsCreated, help: 'Accounts created', registers }),
    applicationsSubmitted: new Counter({ name: M.applicationsSubmitted, help: 'Applications submitted', registers }),
    eligibilityResults: new Counter({ name: M.eligibilityResults, help: 'Eligibility determinations by outcome', labelNames: [L.outcome], registers }),
    enrollmentsConfirmed: new Counter({ name: M.enrollmentsConfirmed, help: 'Enrollments confirmed to consumers', labelNames: [L.metal, L.issuer], registers }),
    storeCommits: new Counter({
      name: M.storeCommits,
      help: 'Group-commit transactions of the store; the requests each carried are answered once it is on disk',
      registers,
    }),
    storeCommitWrites: new Counter({
      name: M.storeCommitWrites,
      help: 'Durable writes (accounts, applications, confirmations) carried by group-commit transactions',
      registers,
    }),
    waitingRoomQueued: new Gauge({ name: M.waitingRoomQueued, help: 'Visitors waiting in the queue', registers }),
    waitingRoomActive: new Gauge({ name: M.waitingRoomActive, help: 'Sessions admitted and active', registers }),
    waitingRoomAdmitted: new Counter({ name: M.waitingRoomAdmitted, help: 'Visitors admitted, straight away or from the queue', registers }),
    waitingRoomWait: new Histogram({ name: M.waitingRoomWait, help: 'Time queued before admission', buckets: WAIT_BUCKETS_SECONDS, registers }),
    outboxDepth: new Gauge({ name: M.outboxDepth, help: 'Enrollments confirmed but not yet acknowledged by the insurer', registers }),
    outboxOldestAge: new Gauge({ name: M.outboxOldestAge, help: 'Age of the oldest undelivered enrollment', registers }),
    edi834Sent: new Counter({ name: M.edi834Sent, help: '834 interchanges sent', labelNames: [L.issuer], registers }),
    edi834Accepted: new Counter({ name: M.edi834Accepted, help: '834 transactions accepted by an insurer 999', labelNames: [L.issuer], registers }),
    edi834Rejected: new Counter({ name: M.edi834Rejected, help: '834 transactions rejected by an insurer 999', labelNames: [L.issuer], registers }),
    edi834Retried: new Counter({ name: M.edi834Retried, help: '834 interchanges re-sent after an error or timeout', labelNames: [L.issuer], registers }),
    edi834DeliveryFailures: new Counter({
      name: M.edi834DeliveryFailures,
      help: '834 posts that failed and will be retried, by reason',
      labelNames: [L.issuer, L.reason],
      registers,
    }),
    edi834RetryBackoff: new Counter({
      name: M.edi834RetryBackoff,
      help: 'Backoff scheduled before re-sending failed 834 posts',
      labelNames: [L.issuer],
      registers,
    }),
    deliveryLatency: new Histogram({ name: M.deliveryLatency, help: 'Confirmation to accepting 999', buckets: DELIVERY_BUCKETS_SECONDS, registers }),
    browseCacheBytes: new Gauge({ name: M.browseCacheBytes, help: "Bytes of plan-browsing answers held by the fast path's bounded cache", registers }),
  };
  // Every issuer's 834 counters exist from the start at zero, so "none rejected" is a 0 on a graph, not a gap.
  for (const issuer of allIssuerIds()) {
    for (const counter of [metrics.edi834Sent, metrics.edi834Accepted, metrics.edi834Rejected, metrics.edi834Retried, metrics.edi834RetryBackoff])
      counter.inc({ [L.issuer]: issuer }, 0);
    for (const reason of DELIVERY_FAILURE_REASONS) metrics.edi834DeliveryFailures.inc({ [L.issuer]: issuer, [L.reason]: reason }, 0);
  }
  return metrics;
}

export type ExchangeMetrics = ReturnType<typeof createExchangeMetrics>;
