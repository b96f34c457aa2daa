// Baseline against candidate, several runs each: faster / same / slower per key metric. A metric changes only
// when the change is both real — the hierarchical bootstrap interval of the contrast excludes "no change" — and
// large enough to matter — beyond the minimum effect. Percentiles come from the pooled samples of all runs of a
// side, never from averaging per-run percentiles. Mann–Whitney U is reported beside it as a location-shift test.

import { bootstrapContrast, meanStatistic, quantileStatistic, type BootstrapOptions } from './bootstrap.ts';
import { poolSamples } from './distribution.ts';
import { mannWhitney } from './mannWhitney.ts';

export type Change = 'faster' | 'same' | 'slower';

export interface MetricRuns {
  /** Stable key, e.g. "http_req_duration p95 {POST /api/v1/enroll}". */
  key: string;
  /** 'latency': compare a percentile (lower is better); 'rate': compare the share of 1s (errors, lower is better). */
  kind: 'latency' | 'rate';
  baseline: Float64Array[];
  candidate: Float64Array[];
}

export interface CompareOptions {
  /** Smallest relative change that counts (0.1 = 10 %). */
  minEffect: number;
  /** Percentile compared for latency metrics. */
  percentile?: number;
  /** For rates, the smallest absolute change that counts, whatever the relative one (0.001 = 0.1 point). */
  minRateDelta?: number;
  /**
   * Fewer samples than this on a side: reported as "same" with a note. Default: for a percentile p, enough that
   * about 10 samples lie beyond it (10 / (1 − p): 200 for a p95), below which its bootstrap interval is unreliable;
   * 20 for rates.
   */
  minSamples?: number;
  bootstrap?: BootstrapOptions;
}

export interface MetricComparison {
  key: string;
  kind: 'latency' | 'rate';
  change: Change;
  baseline: number;
  candidate: number;
  /** Latency: candidate / baseline of the percentile. Rate: candidate − baseline. */
  effect: number;
  low: number;
  high: number;
  /** Mann–Whitney two-sided p of candidate against baseline samples. */
  pValue: number;
  samples: { baseline: number; candidate: number };
  note?: string;
}

export interface Comparison {
  verdict: Change;
  minEffect: number;
  /** Confidence of each metric's interval (Bonferroni over the metrics compared). */
  confidence: number;
  metrics: MetricComparison[];
}

/** The decision rule, on its own so it can be tested with worked numbers. */
export function decide(
  kind: 'latency' | 'rate',
  interval: { estimate: number; low: number; high: number },
  baselineValue: number,
  options: CompareOptions,
): Change {
  const m = options.minEffect;
  if (kind === 'latency') {
    if (interval.low > 1 && interval.estimate >= 1 + m) return 'slower';
    if (interval.high < 1 && interval.estimate <= 1 - m) return 'faster';
    return 'same';
  }
  const threshold = Math.max(options.minRateDelta ?? 0.001, m * baselineValue);
  if (interval.low > 0 && interval.estimate >= threshold) return 'slower';
  if (interval.high < 0 && -interval.estimate >= threshold) return 'faster';
  return 'same';
}

export function compareMetric(metric: MetricRuns, options: CompareOptions): MetricComparison {
  const base = poolSamples(metric.baseline.filter((r) => r.length > 0));
  const cand = poolSamples(metric.candidate.filter((r) => r.length > 0));
  const samples = { baseline: base.length, candidate: cand.length };
  const percentile = options.percentile ?? 0.95;
  const statistic = metric.kind === 'latency' ? quantileStatistic(percentile) : meanStatistic;
  const minSamples = options.minSamples ?? (metric.kind === 'latency' ? Math.ceil(10 / (1 - percentile)) : 20);
  if (base.length < minSamples || cand.length < minSamples) {
    const value = (pool: Float64Array): number => (pool.length > 0 ? statistic(Float64Array.from(pool)) : NaN);
    const b = value(base),
      c = value(cand);
    return {
      key: metric.key,
      kind: metric.kind,
      change: 'same',
      baseline: b,
      candidate: c,
      effect: metric.kind === 'latency' ? c / b : c - b,
      low: NaN,
      high: NaN,
      pValue: NaN,
      samples,
      note: `fewer than ${minSamples} samples on a side`,
    };
  }
  const contrast = metric.kind === 'latency' ? (c: number, b: number) => c / b : (c: number, b: number) => c - b;
  const interval = bootstrapContrast(
    metric.baseline.filter((r) => r.length > 0),
    metric.candidate.filter((r) => r.length > 0),
    statistic,
    contrast,
    options.bootstrap,
  );
  const baselineValue = statistic(Float64Array.from(base));
  const candidateValue = statistic(Float64Array.from(cand));
  return {
    key: metric.key,
    kind: metric.kind,
    change: decide(metric.kind, interval, baselineValue, options),
    baseline: baselineValue,
    candidate: candidateValue,
    effect: interval.estimate,
    low: interval.low,
    high: interval.high,
    pValue: mannWhitney(cand, base).pTwoSided,
    samples,
  };
}

/** Family-wise confidence of a whole comparison: each of its k metrics gets 1 − 0.05/k (Bonferroni). */
export const FAMILY_CONFIDENCE = 0.95;

/**
 * Slower when any metric is slower; faster when some are faster and none slower; else same. With k metrics each
 * interval is at 1 − (1 − 95 %)/k (Bonferroni), so two sets of runs of the same build come out "same" at least
 * 95 % of the time however many per-request metrics are compared.
 */
export function compareRuns(metrics: MetricRuns[], options: CompareOptions): Comparison {
  const confidence = 1 - (1 - FAMILY_CONFIDENCE) / Math.max(1, metrics.length);
  const iterations = Math.max(options.bootstrap?.iterations ?? 0, Math.ceil(10 / (1 - confidence)));
  const perMetric = { ...options, bootstrap: { ...options.bootstrap, confidence, iterations } };
  const results = metrics.map((m) => compareMetric(m, perMetric));
  const verdict: Change = results.some((r) => r.change === 'slower') ? 'slower' : results.some((r) => r.change === 'faster') ? 'faster' : 'same';
  return { verdict, minEffect: options.minEffect, confidence, metrics: results };
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A metric's effect with its interval, as the terminal and the compare report print it: ×ratio for latency, points for rates. */
export function effectText(m: MetricComparison): string {
  if (m.kind === 'latency') return `×${fixed(m.effect, 3)} [${fixed(m.low, 3)}, ${fixed(m.high, 3)}]`;
  return `${m.effect >= 0 ? '+' : ''}${fixed(m.effect * 100, 2)} pt [${fixed(m.low * 100, 2)}, ${fixed(m.high * 100, 2)}]`;
}

/**
 * One row a metric, as the terminal and the compare report show them: change, metric, both sides, effect, p, note;
 * the sides' numbers written by `number` (the terminal's fixed digits by default, the report's its own).
 */
export function comparisonRows(result: Comparison, number: (value: number, digits: number) => string = fixed): string[][] {
  return result.metrics.map((m) => {
    const value = (v: number): string => (m.kind === 'latency' ? `${number(v, 1)} ms` : `${number(v * 100, 2)} %`);
    return [
      m.change === 'same' ? 'same' : m.change.toUpperCase(),
      m.key,
      value(m.baseline),
      value(m.candidate),
      effectText(m),
      Number.isFinite(m.pValue) ? m.pValue.toExponential(1) : '–',
      m.note ?? '',
    ];
  });
}
