// 834 delivery over the run, from the run folder's own ground truth: when each consumer was told "confirmed"
// (ledger.ndjson) and when the insurer first stored the enrollment (insurer-records.ndjson). Delivery latency is
// the gap per enrollment; the backlog at a moment is the enrollments confirmed by then and not yet received — the
// outbox as the consumer and the insurer see it (including 834s in flight and retried).

import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { chart, type ReportChart } from './chart.ts';
import type { Y } from './downsample.ts';
import { windowsOf } from './timeline.ts';
import { windowedPercentile } from '../analysis/windows.ts';

export interface Delivery {
  confirmedMs: number;
  /** First time the insurer stored it; undefined when it never arrived. */
  receivedMs: number | undefined;
}

export function deliveriesOf(
  ledger: readonly Pick<LedgerEntry, 'confirmationNumber' | 'confirmedAt'>[],
  received: readonly Pick<InsurerRecord, 'confirmationNumber' | 'receivedAt'>[],
): Delivery[] {
  const first = new Map<string, number>();
  for (const r of received) {
    const t = Date.parse(r.receivedAt);
    const seen = first.get(r.confirmationNumber);
    if (seen === undefined || t < seen) first.set(r.confirmationNumber, t);
  }
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const entry of ledger) {
    if (seen.has(entry.confirmationNumber)) continue;
    seen.add(entry.confirmationNumber);
    out.push({ confirmedMs: Date.parse(entry.confirmedAt), receivedMs: first.get(entry.confirmationNumber) });
  }
  return out;
}

/** Enrollments confirmed by each x (seconds since startMs) and not yet received. */
export function backlogAt(deliveries: readonly Delivery[], startMs: number, x: readonly number[]): number[] {
  const confirmed = Float64Array.from(deliveries, (d) => d.confirmedMs).sort();
  const received = Float64Array.from(
    deliveries.filter((d) => d.receivedMs !== undefined),
    (d) => d.receivedMs!,
  ).sort();
  let c = 0,
    r = 0;
  return x.map((t) => {
    const at = startMs + t * 1000;
    while (c < confirmed.length && confirmed[c]! <= at) c++;
    while (r < received.length && received[r]! <= at) r++;
    return c - r;
  });
}

export const DELIVERY_CHART_TITLES = { outbox: 'Undelivered enrollments (outbox backlog)', delivery: '834 delivery latency' } as const;

export function deliveryCharts(deliveries: readonly Delivery[], startMs: number): ReportChart[] {
  const delivered = deliveries.filter((d) => d.receivedMs !== undefined);
  const lastMs = Math.max(startMs + 1000, ...deliveries.map((d) => d.receivedMs ?? d.confirmedMs));
  const w = windowsOf(startMs, lastMs);
  const times = delivered.map((d) => d.confirmedMs);
  const latency = delivered.map((d) => (d.receivedMs! - d.confirmedMs) / 1000);
  const byWindow = (p: number): Y[] => {
    const out: Y[] = new Array<Y>(w.count).fill(null);
    for (const point of windowedPercentile(times, latency, { startMs, windowSeconds: w.seconds, p }))
      out[Math.min(w.count - 1, Math.floor(point.t / w.seconds))] = point.value;
    return out;
  };
  const never = deliveries.length - delivered.length;
  const none = 'No enrollment was confirmed to a consumer (ledger.ndjson is empty), so there is no 834 delivery to show.';
  return [
    chart(
      {
        id: 'outbox',
        title: DELIVERY_CHART_TITLES.outbox,
        caption: `Enrollments confirmed to consumers by each moment and not yet stored by the insurer (from ledger.ndjson and insurer-records.ndjson)${never > 0 ? `; ${never.toLocaleString('en-US')} never arrived` : ''}.`,
        xAxis: 'elapsed',
        yLabel: 'enrollments',
        x: w.x,
        series: [{ label: 'confirmed, not yet received', values: backlogAt(deliveries, startMs, w.x) }],
      },
      none,
    ),
    chart(
      {
        id: 'delivery',
        title: DELIVERY_CHART_TITLES.delivery,
        caption: `Seconds from the consumer's confirmation to the insurer storing the enrollment, p50, p95 and max by confirmation time (${delivered.length.toLocaleString('en-US')} delivered).`,
        xAxis: 'elapsed',
        yLabel: 's',
        x: w.x,
        series: [
          { label: 'p50', values: byWindow(0.5) },
          { label: 'p95', values: byWindow(0.95) },
          { label: 'max', values: byWindow(1) },
        ],
      },
      delivered.length === 0 && deliveries.length > 0 ? 'No confirmed enrollment reached the insurer.' : none,
    ),
  ];
}
