// The end-of-test summary, engine-neutral and documented in results/README.md: every metric aggregated over its
// tags and every tagged series, each with its statistics and thresholds, and each trend's HdrHistogram so summaries
// of several shards merge losslessly. The gate, report and compare read this shape.

import * as hdr from 'hdr-histogram-js';
import type { MetricSet, Series } from './metricSet.ts';
import { seriesKey } from './metricSet.ts';
import type { LoadPlan } from './plan.ts';
import type { RunPlanResult } from './runPlan.ts';
import { SUMMARY_FORMAT } from '../vocabulary/loadSummary.ts';

export { SUMMARY_FORMAT };

export interface SummaryMetric {
  type: 'counter' | 'rate' | 'trend' | 'gauge';
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean; value?: number }>;
  /** A trend's HdrHistogram (microseconds), compressed and base64-encoded. */
  histogram?: string;
}

export interface EngineSummary {
  format: typeof SUMMARY_FORMAT;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  exitReason: RunPlanResult['exitReason'];
  abortedBy?: string;
  workers: number;
  plan: LoadPlan;
  journeyErrors: string[];
  /** `name` (aggregated over every tag) and `name{tag:value,…}` (one series) → its figures. */
  metrics: Record<string, SummaryMetric>;
}

const TREND_STATS = ['count', 'avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'];

export function seriesValues(series: Series, durationSeconds: number): Record<string, number> {
  const pick = (stats: string[]): Record<string, number> =>
    Object.fromEntries(stats.map((stat) => [stat, series.stat(stat)]).filter((e): e is [string, number] => e[1] !== undefined));
  switch (series.kind) {
    case 'trend':
      return pick(TREND_STATS);
    case 'counter':
      return { count: series.sum, rate: durationSeconds > 0 ? series.sum / durationSeconds : 0 };
    case 'rate':
      return pick(['rate', 'passes', 'fails']);
    case 'gauge':
      return pick(['value', 'min', 'max']);
  }
}

function summaryMetric(series: Series, durationSeconds: number): SummaryMetric {
  return {
    type: series.kind,
    values: seriesValues(series, durationSeconds),
    ...(series.trend && series.count > 0 ? { histogram: hdr.encodeIntoCompressedBase64(series.trend.histogram) } : {}),
  };
}

export function engineSummary(plan: LoadPlan, result: RunPlanResult): EngineSummary {
  const durationSeconds = Math.max(0, (result.endedAtMs - result.startedAtMs) / 1000);
  const totals: MetricSet = result.totals;
  const metrics: Record<string, SummaryMetric> = {};
  const names = [...new Set(totals.all().map((s) => s.name))].sort();
  for (const name of names) {
    metrics[name] = summaryMetric(totals.aggregate(name)!, durationSeconds);
    const tagged = totals.all().filter((s) => s.name === name && Object.keys(s.tags).length > 0);
    for (const series of tagged) metrics[seriesKey(name, series.tags)] = summaryMetric(series, durationSeconds);
  }
  for (const t of result.thresholds) {
    const entry = (metrics[t.metric] ??= { type: 'counter', values: {} });
    entry.thresholds = { ...entry.thresholds, [t.expression]: { ok: t.ok, ...(t.value !== undefined ? { value: t.value } : {}) } };
  }
  return {
    format: SUMMARY_FORMAT,
    startedAt: new Date(result.startedAtMs).toISOString(),
    endedAt: new Date(result.endedAtMs).toISOString(),
    durationSeconds,
    exitReason: result.exitReason,
    ...(result.abortedBy ? { abortedBy: `${result.abortedBy.metric}: ${result.abortedBy.expression}` } : {}),
    workers: result.workers,
    plan,
    journeyErrors: result.journeyErrors,
    metrics,
  };
}
