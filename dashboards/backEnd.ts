// Back end: the path from a confirmation to the insurer — the exchange's outbox, 834 interchanges sent, accepted,
// rejected and retried, delivery latency, what the insurer received, and the classes reconciliation found.

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { EXCHANGE_LABELS, EXCHANGE_METRICS as M } from '../vocabulary/metrics/exchange.ts';
import { INSURER_LABELS, INSURER_METRICS as I } from '../vocabulary/metrics/insurer.ts';
import { HARNESS_LABELS, HARNESS_METRICS as H } from '../vocabulary/metrics/harness.ts';
import type { Targets } from '../vocabulary/targets.ts';
import { harnessDashboard, finish } from './defaults.ts';
import { query, statPanel, timeseriesPanel } from './panels.ts';
import { classicQuantile, select, sumGauge, sumRate, zeroFilled } from './selectors.ts';

export const BACK_END_UID = 'marketplace-back-end';

function outboxDepth() {
  return timeseriesPanel({
    title: 'Outbox depth',
    description: 'Enrollments confirmed to consumers but not yet acknowledged by an insurer. It should drain to zero after the load stops.',
    unit: units.Short,
    min: 0,
    queries: [query(sumGauge(M.outboxDepth), 'undelivered')],
  });
}

function outboxOldestAge(targets: Targets) {
  return timeseriesPanel({
    title: 'Oldest undelivered enrollment',
    description: 'Age of the oldest enrollment still in the outbox. Dashed: the delivery deadline; past it, reconciliation counts the enrollment late.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.integrity.deliveryDeadlineSeconds, color: 'red' }],
    queries: [query(`max(${select(M.outboxOldestAge)})`, 'oldest')],
  });
}

function edi834Flow() {
  const sent = sumRate(M.edi834Sent);
  return timeseriesPanel({
    title: '834 sent, accepted, rejected, retried',
    description:
      'Interchanges sent per second (retries included), transactions the insurer’s 999 accepted or rejected, and interchanges re-sent after an error or a timeout.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [
      query(sent, 'interchanges sent'),
      query(sumRate(M.edi834Accepted), 'transactions accepted'),
      query(zeroFilled(sumRate(M.edi834Rejected), sent), 'transactions rejected'),
      query(zeroFilled(sumRate(M.edi834Retried), sent), 'interchanges retried'),
    ],
  });
}

function edi834ByIssuer() {
  return timeseriesPanel({
    title: '834 interchanges by issuer',
    description: 'Interchanges sent per second to each issuer.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(M.edi834Sent, { by: [EXCHANGE_LABELS.issuer] }), '{{issuer}}')],
  });
}

function deliveryLatency(targets: Targets) {
  return timeseriesPanel({
    title: '834 delivery latency',
    description: 'From the consumer’s confirmation to the insurer’s accepting 999 (p50/p95/p99). Dashed: the delivery deadline.',
    unit: units.Seconds,
    min: 0,
    lines: [{ value: targets.integrity.deliveryDeadlineSeconds, color: 'red' }],
    queries: [0.5, 0.95, 0.99].map((q) => query(classicQuantile(q, M.deliveryLatency), `p${q * 100}`)),
  });
}

function insurerReceipts() {
  const received = sumRate(I.interchangesReceived);
  return timeseriesPanel({
    title: 'Insurer receipts',
    description:
      'What the insurer received per second: interchanges, those it accepted, rejected (999 or TA1) or recognised as re-sent, member records stored, and faults its switches injected.',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [
      query(received, 'interchanges received'),
      query(sumRate(I.interchangesAccepted), 'interchanges accepted'),
      query(zeroFilled(sumRate(I.interchangesRejected), received), 'interchanges rejected'),
      query(sumRate(I.interchangesResent), 'interchanges re-sent'),
      query(sumRate(I.membersStored), 'members stored'),
      query(zeroFilled(sumRate(I.faultsInjected), received), 'faults injected'),
    ],
  });
}

function insurerTransactions() {
  return timeseriesPanel({
    title: 'Insurer 834 transactions by 999 status',
    description: 'Transaction sets per second by the status the insurer’s 999 gave them (A accepted, R rejected).',
    unit: units.OpsPerSecond,
    min: 0,
    queries: [query(sumRate(I.transactions, { by: [INSURER_LABELS.status] }), '{{status}}')],
  });
}

function reconciliationClasses() {
  return statPanel({
    title: 'Reconciliation: records by class',
    description:
      'Set once the run has reconciled intent, the consumers’ ledger and the insurer’s records: intact, and each defect class (every one should be zero).',
    unit: units.Short,
    span: 16,
    queries: [query(`max by (${HARNESS_LABELS.class}) (${select(H.reconciliationRecords)})`, '{{class}}')],
  });
}

function reconciliationEnrollments() {
  return statPanel({
    title: 'Reconciliation: enrollments',
    description: 'Enrollments confirmed to simulated consumers (the ledger), and those the insurer received intact.',
    unit: units.Short,
    span: 8,
    queries: [query(`max(${select(H.enrollmentsConfirmed)})`, 'confirmed'), query(`max(${select(H.enrollmentsIntact)})`, 'received intact')],
  });
}

export function backEndDashboard(targets: Targets): dashboard.Dashboard {
  const builder = harnessDashboard({
    uid: BACK_END_UID,
    title: 'Marketplace harness / Back end',
    description: 'From confirmation to insurer during one run: the outbox, the 834 flow, delivery latency, the insurer’s receipts, and reconciliation.',
  })
    .withRow(new dashboard.RowBuilder('Outbox and 834 delivery'))
    .withPanel(outboxDepth())
    .withPanel(outboxOldestAge(targets))
    .withPanel(edi834Flow())
    .withPanel(edi834ByIssuer())
    .withPanel(deliveryLatency(targets))
    .withRow(new dashboard.RowBuilder('Insurer'))
    .withPanel(insurerReceipts())
    .withPanel(insurerTransactions())
    .withRow(new dashboard.RowBuilder('Reconciliation'))
    .withPanel(reconciliationClasses())
    .withPanel(reconciliationEnrollments());
  return finish(builder);
}
