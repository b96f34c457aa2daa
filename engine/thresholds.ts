// Thresholds judged on the engine's totals: `metric` or `metric{tag:value}` with expressions such as p(95)<1000,
// rate<=0.01, count<=0. Pure; the run judges them every second (abort on fail) and once at the end.

import { parseThreshold, thresholdHolds } from '../analysis/thresholdExpression.ts';
import type { MetricSet, Tags } from './metricSet.ts';
import type { Threshold } from './plan.ts';

export interface ThresholdResult {
  /** The metric key as the plan gave it, e.g. http_req_duration or checks{check:plans browsed}. */
  metric: string;
  expression: string;
  ok: boolean;
  /** The measured value the expression was judged on; undefined when the metric recorded nothing. */
  value: number | undefined;
  abortOnFail: boolean;
}

const KEY = /^([A-Za-z_][\w.]*)(?:\{(.*)\})?$/;

/** `name{tag:value,tag2:value2}` → the name and its tag filter; undefined when the key is malformed. */
export function parseMetricKey(key: string): { name: string; tags: Tags } | undefined {
  const match = KEY.exec(key.trim());
  if (!match) return undefined;
  const tags: Record<string, string> = {};
  if (match[2] !== undefined && match[2].trim() !== '') {
    for (const part of match[2].split(',')) {
      const colon = part.indexOf(':');
      if (colon <= 0) return undefined;
      tags[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
    }
  }
  return { name: match[1]!, tags };
}

/** Every threshold of the plan whose metric key or expression cannot be read, as messages. */
export function thresholdProblems(thresholds: Record<string, Threshold[]>): string[] {
  return Object.entries(thresholds).flatMap(([key, list]) => [
    ...(parseMetricKey(key) ? [] : [`threshold metric "${key}": expected name or name{tag:value}`]),
    ...list
      .filter((t) => !parseThreshold(t.expression))
      .map((t) => `threshold "${key}: ${t.expression}": expected an expression such as p(95)<1000, rate<=0.01 or count<=0`),
  ]);
}

/**
 * Judges every threshold on the totals. A metric that recorded nothing holds a count or rate limit of the form
 * `<…`/`<=…` (nothing happened, so nothing went wrong: zero errors, zero mismatches) and fails anything else.
 */
export function judgeThresholds(totals: MetricSet, thresholds: Record<string, Threshold[]>): ThresholdResult[] {
  return Object.entries(thresholds).flatMap(([key, list]) => {
    const parsed = parseMetricKey(key);
    const series = parsed ? totals.aggregate(parsed.name, parsed.tags) : undefined;
    return list.map((threshold) => {
      const expression = parseThreshold(threshold.expression);
      let value = expression && series ? series.stat(expression.stat) : undefined;
      if (value === undefined && expression && !series && (expression.stat === 'count' || expression.stat === 'rate')) value = 0;
      return {
        metric: key,
        expression: threshold.expression,
        ok: thresholdHolds(threshold.expression, value),
        value,
        abortOnFail: threshold.abortOnFail ?? false,
      };
    });
  });
}

/** Thresholds set to abort that have failed, once `elapsedSeconds` is past their delay. */
export function abortingFailures(totals: MetricSet, thresholds: Record<string, Threshold[]>, elapsedSeconds: number): ThresholdResult[] {
  const aborting = Object.fromEntries(
    Object.entries(thresholds)
      .map(([key, list]) => [key, list.filter((t) => t.abortOnFail && elapsedSeconds >= (t.abortAfterSeconds ?? 0))] as const)
      .filter(([, list]) => list.length > 0),
  );
  return judgeThresholds(totals, aborting).filter((r) => !r.ok);
}
