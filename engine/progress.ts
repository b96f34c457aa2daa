// The live progress line: elapsed against planned, active users, journeys a second against plan, requests a second,
// p95 over the last 10 s, errors and dropped journeys. Pure formatting over the per-second rows.

import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { MetricSet } from './metricSet.ts';
import type { SecondRow } from './runPlan.ts';

const WINDOW_SECONDS = 10;

export interface ProgressInput {
  elapsedSeconds: number;
  plannedSeconds: number;
  /** Planned journeys a second now (open model), when there is a plan rate. */
  plannedRate?: number;
}

export class LiveProgress {
  private readonly recent: SecondRow[] = [];

  /** Takes the next row and returns the line describing the test now. */
  line(row: SecondRow, totals: MetricSet, input: ProgressInput): string {
    this.recent.push(row);
    if (this.recent.length > WINDOW_SECONDS) this.recent.shift();
    const last = new MetricSet();
    last.merge(row.series, 'add');
    const window = new MetricSet();
    for (const r of this.recent)
      window.merge(
        r.series.filter((s) => s.name === ENGINE_METRICS.requestDuration),
        'add',
      );
    const count = (set: MetricSet, name: string): number => set.aggregate(name)?.sum ?? 0;
    const p95 = window.aggregate(ENGINE_METRICS.requestDuration)?.stat('p(95)');
    const failed = totals.aggregate(ENGINE_METRICS.requestFailed);
    const errors = failed ? failed.sum : 0;
    const planned = input.plannedRate !== undefined ? ` of ${input.plannedRate.toFixed(1)}` : '';
    return [
      `${Math.round(input.elapsedSeconds)}/${Math.round(input.plannedSeconds)} s`,
      `users ${count(last, ENGINE_METRICS.activeUsers)}`,
      `journeys/s ${count(last, ENGINE_METRICS.journeys)}${planned}`,
      `req/s ${count(last, ENGINE_METRICS.requests)}`,
      `p95(10s) ${p95 === undefined ? '–' : `${p95.toFixed(1)} ms`}`,
      `errors ${errors}`,
      `dropped ${count(totals, ENGINE_METRICS.journeysDropped)}`,
    ].join(' · ');
  }
}
