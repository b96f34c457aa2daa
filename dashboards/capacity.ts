// Capacity: the run against the targets of targets.yaml — enrollment throughput against the target rate,
// concurrent users against the concurrency target, and how much of the error and latency budgets the run spent.

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as units from '@grafana/grafana-foundation-sdk/units';
import { EXCHANGE_METRICS as M } from '../vocabulary/metrics/exchange.ts';
import type { Targets } from '../vocabulary/targets.ts';
import { harnessDashboard, finish } from './defaults.ts';
import { LOAD_METRICS as K } from '../vocabulary/metrics/load.ts';
import { query, statPanel, timeseriesPanel, type Line, type PanelSpec } from './panels.ts';
import { BURN_RATE_WINDOWS } from './prometheus/burnRates.ts';
import { GRAFANA_VARIABLES, nativeFractionBelow, select, share, sumGauge, sumIncrease, sumRate } from './selectors.ts';
import { objectivesOf } from './slos.ts';

export const CAPACITY_UID = 'marketplace-capacity';

const overRange = { window: GRAFANA_VARIABLES.range };
const perHour = (perSecond: string): string => `${perSecond} * 3600`;
/** The highest value an expression reached over the dashboard's range. */
const peak = (expr: string): string => `max_over_time((${expr})[${GRAFANA_VARIABLES.range}:])`;

function throughput(targets: Targets) {
  return timeseriesPanel({
    title: 'Enrollment throughput against the target rate',
    description: `Enrollments confirmed per hour, as consumers received them (the engine's journeys) and as the exchange counted them. Dashed: the target of ${targets.enrollmentsPerHour.toLocaleString('en-US')} an hour.`,
    unit: units.Short,
    min: 0,
    lines: [{ value: targets.enrollmentsPerHour, color: 'red' }],
    queries: [
      query(perHour(sumRate(K.enrollmentsConfirmed)), 'confirmed to consumers / h'),
      query(perHour(sumRate(M.enrollmentsConfirmed)), 'confirmed by the exchange / h'),
    ],
  });
}

/** A percentage over the time range, red below `greenFrom` and green from it: a share of a target (1) or a budget left (0). */
function percentStat(greenFrom: number, spec: Pick<PanelSpec, 'title' | 'description' | 'queries'>) {
  return statPanel({ ...spec, unit: units.PercentUnit, baseColor: 'red', lines: [{ value: greenFrom, color: 'green' }] });
}

function throughputShare(targets: Targets) {
  return percentStat(1, {
    title: 'Peak throughput, share of target',
    description: 'The highest enrollment rate over the time range, as a share of the target rate (100 % meets it).',
    queries: [query(`${peak(perHour(sumRate(K.enrollmentsConfirmed)))} / ${targets.enrollmentsPerHour}`, 'of target rate')],
  });
}

function concurrentUsers(targets: Targets) {
  return timeseriesPanel({
    title: 'Concurrent users against the target',
    description: `Users the load engine ran, sessions the exchange admitted, and visitors queued. Dashed: the target of ${targets.concurrentUsers.toLocaleString('en-US')} concurrent users.`,
    unit: units.Short,
    min: 0,
    lines: [{ value: targets.concurrentUsers, color: 'red' }],
    queries: [
      query(`sum(${select(K.activeUsers)})`, 'active users'),
      query(sumGauge(M.waitingRoomActive), 'admitted sessions'),
      query(sumGauge(M.waitingRoomQueued), 'queued'),
    ],
  });
}

function concurrentUsersShare(targets: Targets) {
  return percentStat(1, {
    title: 'Peak concurrent users, share of target',
    description: 'The most virtual users at once over the time range, as a share of the concurrency target.',
    queries: [query(`max(max_over_time(${select(K.activeUsers)}[${GRAFANA_VARIABLES.range}])) / ${targets.concurrentUsers}`, 'of target users')],
  });
}

function errorBudgetRemaining(targets: Targets) {
  const { budget } = objectivesOf(targets).errors;
  return percentStat(0, {
    title: 'Error budget remaining',
    description: `1 − (failed share ÷ ${budget}) over the time range: 100 % means no failures, below 0 the run failed more requests than the error-rate target allows.`,
    queries: [
      query(`1 - (${share(sumIncrease(K.requestFailed.true, overRange), sumIncrease(K.requestFailed.samples, overRange))}) / ${budget}`, 'error budget'),
    ],
  });
}

function errorBudgetBurn(targets: Targets) {
  const { budget } = objectivesOf(targets).errors;
  const lines: Line[] = [...new Set(BURN_RATE_WINDOWS.map((w) => w.factor))].map((factor) => ({
    value: factor,
    color: BURN_RATE_WINDOWS.some((w) => w.factor === factor && w.severity === 'page') ? 'red' : 'orange',
  }));
  return timeseriesPanel({
    title: 'Error budget burn rate',
    description:
      'Failed share ÷ the error-rate target: 1 spends the budget exactly; the dashed lines are the burn rates the alert rules page (red) or open a ticket (orange) at.',
    unit: units.Short,
    min: 0,
    lines,
    queries: [query(`(${share(sumRate(K.requestFailed.true), sumRate(K.requestFailed.samples))}) / ${budget}`, 'burn rate')],
  });
}

function latencyObjectives(targets: Targets) {
  const objectives = objectivesOf(targets).latency;
  return timeseriesPanel({
    title: 'Requests within the latency targets',
    description:
      'Share of requests faster than each percentile target, from the engine’s native histograms. Below the dashed line of its objective, the run misses that target.',
    unit: units.PercentUnit,
    max: 1,
    baseColor: 'red',
    lines: objectives.map((o) => ({ value: o.quantile, color: 'green' as const })),
    queries: objectives.map((o) =>
      query(nativeFractionBelow(o.thresholdSeconds, K.requestDuration), `under ${o.thresholdSeconds} s (objective ${o.quantile * 100} %)`),
    ),
  });
}

function latencyBudgetRemaining(targets: Targets) {
  const objectives = objectivesOf(targets).latency;
  return percentStat(0, {
    title: 'Latency budget remaining',
    description: 'For each percentile target, 1 − (share of requests slower than it ÷ the share allowed) over the time range.',
    queries: objectives.map((o) =>
      query(`1 - (1 - ${nativeFractionBelow(o.thresholdSeconds, K.requestDuration, overRange)}) / ${o.budget}`, `p${o.quantile * 100} budget`),
    ),
  });
}

export function capacityDashboard(targets: Targets): dashboard.Dashboard {
  const builder = harnessDashboard({
    uid: CAPACITY_UID,
    title: 'Marketplace harness / Capacity',
    description: 'One run against targets.yaml: enrollment throughput, concurrent users, and the error and latency budgets spent.',
  })
    .withPanel(throughputShare(targets))
    .withPanel(concurrentUsersShare(targets))
    .withPanel(errorBudgetRemaining(targets))
    .withPanel(latencyBudgetRemaining(targets))
    .withPanel(throughput(targets))
    .withPanel(concurrentUsers(targets))
    .withPanel(errorBudgetBurn(targets))
    .withPanel(latencyObjectives(targets));
  return finish(builder);
}
