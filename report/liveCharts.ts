// The run page's load charts from the bounded store (report/liveSeries.ts), live and in report.html alike, under the
// report's ids and titles (report/timeline.ts, report/waitingRoom.ts): one point a second (or a min/max pair of older
// seconds once the store has been halved), against the plan when the run's executor is known. Pure.

import type { Executor } from '../engine/plan.ts';
import { chart, type ReportChart } from './chart.ts';
import type { LiveSeries } from './liveSeries.ts';
import { plannedArrivalRate, plannedVus } from './scenarioPlan.ts';
import { LOAD_CHART_TITLES } from './timeline.ts';
import { WAITING_ROOM_CHART_TITLES } from './waitingRoom.ts';

/** Points a series sends to the page each second: fewer than the report's, as it is sent again every second. */
export const LIVE_CHART_POINTS = 1200;

/** Every chart the live page has a slot for, in the order shown. */
export const LIVE_CHART_IDS = ['arrival', 'throughput', 'latency', 'errors', 'vus', 'waiting-length', 'waiting-wait'] as const;

const NOT_YET = 'no data yet: the engine writes its first row after the first second of load.';

export function liveCharts(store: LiveSeries, executor: Executor | undefined, maxPoints = LIVE_CHART_POINTS): ReportChart[] {
  const x = [...store.x];
  const arrival = plannedArrivalRate(executor);
  const vusPlan = plannedVus(executor);
  const perSecond = 'per second, from load-seconds.ndjson';
  const waiting = store.waiting.series();
  const noWait = "no consumer has left the waiting room (this profile's journeys may not enter it).";
  return [
    chart(
      {
        id: 'arrival',
        title: LOAD_CHART_TITLES.arrival,
        caption: `Journeys started and completed a second, ${perSecond}${arrival ? ', against the planned arrival rate (dashed)' : ''}.`,
        xAxis: 'elapsed',
        yLabel: 'journeys/s',
        x,
        series: [
          { label: 'started/s', values: store.column('started') },
          { label: 'completed/s', values: store.column('completed') },
          ...(arrival ? [{ label: 'planned arrivals/s', values: x.map(arrival), reference: true }] : []),
        ],
      },
      NOT_YET,
      maxPoints,
    ),
    chart(
      {
        id: 'throughput',
        title: LOAD_CHART_TITLES.throughput,
        caption: `Requests completed a second, ${perSecond}.`,
        xAxis: 'elapsed',
        yLabel: 'requests/s',
        x,
        series: [{ label: 'requests/s', values: store.column('requests') }],
      },
      NOT_YET,
      maxPoints,
    ),
    chart(
      {
        id: 'latency',
        title: LOAD_CHART_TITLES.latency,
        caption: `p50, p95 and p99 of http_req_duration ${perSecond}.`,
        xAxis: 'elapsed',
        yLabel: 'ms',
        x,
        series: (['p50', 'p95', 'p99'] as const).map((p) => ({ label: p, values: store.column(p) })),
      },
      NOT_YET,
      maxPoints,
    ),
    chart(
      {
        id: 'errors',
        title: LOAD_CHART_TITLES.errors,
        caption: `Failed requests a second (http_req_failed), ${perSecond}.`,
        xAxis: 'elapsed',
        yLabel: 'failed/s',
        x,
        series: [{ label: 'failed/s', values: store.column('failed') }],
      },
      NOT_YET,
      maxPoints,
    ),
    chart(
      {
        id: 'vus',
        title: LOAD_CHART_TITLES.vus,
        caption: `The engine's users gauge (active_users), ${perSecond}${vusPlan ? ', against the planned VUs (dashed)' : ''}.`,
        xAxis: 'elapsed',
        yLabel: 'VUs',
        x,
        series: [{ label: 'VUs', values: store.column('users') }, ...(vusPlan ? [{ label: 'planned VUs', values: x.map(vusPlan), reference: true }] : [])],
      },
      NOT_YET,
      maxPoints,
    ),
    chart(
      {
        id: 'waiting-length',
        title: WAITING_ROOM_CHART_TITLES['waiting-length'],
        caption: `Consumers in the waiting room each second, from the start and end of every wait the engine recorded (load-seconds.ndjson).`,
        xAxis: 'elapsed',
        yLabel: 'consumers',
        x: waiting.x,
        series: [{ label: 'waiting', values: waiting.values }],
      },
      noWait,
      maxPoints,
    ),
    chart(
      {
        id: 'waiting-wait',
        title: WAITING_ROOM_CHART_TITLES['waiting-wait'],
        caption: `Seconds a consumer waited before admission (or giving up), p50, p95 and max by the second the wait ended, ${perSecond}.`,
        xAxis: 'elapsed',
        yLabel: 's',
        x,
        series: [
          { label: 'p50', values: store.column('waitP50') },
          { label: 'p95', values: store.column('waitP95') },
          { label: 'max', values: store.column('waitMax') },
        ],
      },
      noWait,
      maxPoints,
    ),
  ];
}
