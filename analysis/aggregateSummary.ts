// The end-of-test summary of one test split across k6 instances, in the shape of one k6's summary, so the gate,
// `harness gate` and every reader of k6-summary.json take it unchanged. Counts are summed; trends come from the
// instances' merged histograms (never averaged percentiles); every threshold is judged again on the aggregate.

import type { K6Metric, K6Summary } from '../verdict/k6Summary.ts';
import { thresholdHolds, parseK6Threshold } from './k6Threshold.ts';
import { trendStat, type TrendHistogram } from './trendHistogram.ts';

/** The parts of one instance's summary the aggregate reads beside the metrics. */
export interface InstanceSummary extends K6Summary {
  state?: { testRunDurationMs?: number; [key: string]: unknown };
  root_group?: Group;
  [key: string]: unknown;
}

interface Check {
  name: string;
  path: string;
  id?: string;
  passes: number;
  fails: number;
}

interface Group {
  name: string;
  path: string;
  id?: string;
  groups: Group[];
  checks: Check[];
}

export interface AggregateSummary extends InstanceSummary {
  aggregate: { instances: number; method: string };
}

export const AGGREGATE_METHOD =
  'counts and rates summed over the instances; trends from the merged HdrHistograms of every instance\'s samples (3 significant digits); thresholds judged on the aggregate';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const valuesOf = (parts: readonly K6Metric[], stat: string): number[] => parts.map((m) => m.values[stat]).filter((v): v is number => typeof v === 'number');

function aggregateValues(type: string, parts: readonly K6Metric[], trend: TrendHistogram | undefined, durationSeconds: number | undefined): Record<string, number> {
  const stats = [...new Set(parts.flatMap((m) => Object.keys(m.values)))];
  if (type === 'trend') {
    if (!trend) return {};
    return Object.fromEntries(stats.map((stat) => [stat, trendStat(trend, stat)]).filter((e): e is [string, number] => e[1] !== undefined));
  }
  if (type === 'rate') {
    const passes = sum(valuesOf(parts, 'passes'));
    const fails = sum(valuesOf(parts, 'fails'));
    return { rate: passes + fails === 0 ? 0 : passes / (passes + fails), passes, fails };
  }
  if (type === 'counter') {
    const count = sum(valuesOf(parts, 'count'));
    // The instances ran side by side: the aggregate's rate is its count over the longest instance's run.
    const rate = durationSeconds ? count / durationSeconds : sum(valuesOf(parts, 'rate'));
    return { count, rate };
  }
  // Gauges (vus, vus_max): summed, so the aggregate's max is an upper bound of the VUs at any one moment.
  return Object.fromEntries(stats.map((stat) => [stat, sum(valuesOf(parts, stat))]));
}

function judged(expressions: readonly string[], values: Record<string, number>, trend: TrendHistogram | undefined): Record<string, { ok: boolean }> {
  return Object.fromEntries(
    expressions.map((expression) => {
      const stat = parseK6Threshold(expression)?.stat;
      const value = stat === undefined ? undefined : (values[stat] ?? (trend ? trendStat(trend, stat) : undefined));
      return [expression, { ok: thresholdHolds(expression, value) }];
    }),
  );
}

function mergeGroups(groups: readonly Group[]): Group {
  const first = groups[0]!;
  const checks = new Map<string, Check>();
  for (const check of groups.flatMap((g) => g.checks ?? [])) {
    const seen = checks.get(check.path);
    if (seen) {
      seen.passes += check.passes;
      seen.fails += check.fails;
    } else checks.set(check.path, { ...check });
  }
  const byPath = new Map<string, Group[]>();
  for (const child of groups.flatMap((g) => g.groups ?? [])) byPath.set(child.path, [...(byPath.get(child.path) ?? []), child]);
  return { ...first, checks: [...checks.values()], groups: [...byPath.values()].map(mergeGroups) };
}

/**
 * One summary for the instances' summaries: `trends` holds each trend metric's merged histogram, keyed as in the
 * summaries (sub-metrics included); a trend without one is left without values rather than guessed.
 */
export function aggregateSummaries(instances: readonly InstanceSummary[], trends: ReadonlyMap<string, TrendHistogram>): AggregateSummary {
  if (instances.length === 0) throw new RangeError('no instance summaries to aggregate');
  const durations = instances.map((s) => s.state?.testRunDurationMs).filter((d): d is number => typeof d === 'number');
  const durationMs = durations.length > 0 ? Math.max(...durations) : undefined;
  const keys = [...new Set(instances.flatMap((s) => Object.keys(s.metrics)))];
  const metrics: Record<string, K6Metric> = {};
  for (const key of keys) {
    const parts = instances.map((s) => s.metrics[key]).filter((m): m is K6Metric => m !== undefined);
    const type = parts[0]!.type;
    const trend = trends.get(key);
    const values = aggregateValues(type, parts, trend, durationMs === undefined ? undefined : durationMs / 1000);
    const expressions = [...new Set(parts.flatMap((m) => Object.keys(m.thresholds ?? {})))];
    metrics[key] = { ...parts[0]!, values, ...(expressions.length > 0 ? { thresholds: judged(expressions, values, trend) } : {}) };
  }
  const groups = instances.map((s) => s.root_group).filter((g): g is Group => g !== undefined);
  return {
    ...instances[0]!,
    metrics,
    ...(groups.length > 0 ? { root_group: mergeGroups(groups) } : {}),
    state: { ...instances[0]!.state, ...(durationMs === undefined ? {} : { testRunDurationMs: durationMs }) },
    aggregate: { instances: instances.length, method: AGGREGATE_METHOD },
  };
}

/** Trend metrics (with sub-metrics) the summaries report: the keys whose samples must be read into histograms. */
export function trendKeysOf(instances: readonly InstanceSummary[]): string[] {
  return [...new Set(instances.flatMap((s) => Object.entries(s.metrics).filter(([, m]) => m.type === 'trend').map(([key]) => key)))];
}

/**
 * The exit code of the split test: an instance's own failure (script error, setup failed, aborted) as it was;
 * otherwise 99 when a threshold is crossed on the aggregate and 0 when none is — an instance's 99 was judged on
 * its share alone.
 */
export function aggregateExitCode(instanceCodes: readonly number[], summary: K6Summary | undefined): number {
  const failure = instanceCodes.find((code) => code !== 0 && code !== 99);
  if (failure !== undefined) return failure;
  if (!summary) return instanceCodes.find((code) => code !== 0) ?? 0;
  const crossed = Object.values(summary.metrics).some((m) => Object.values(m.thresholds ?? {}).some((t) => !t.ok));
  return crossed ? 99 : 0;
}
