// load-summary.json: the load engine's end-of-test summary (engine/summary.ts builds it; shards' summaries merge into
// one). Every metric's figures and thresholds, by `name` and `name{tag:value,…}`. The schema its writers write
// through, and the part of it the gate and the headline read.

import { z } from 'zod';

export const SUMMARY_FORMAT = 'harness-summary/1';

const metricSchema = z.looseObject({
  type: z.enum(['counter', 'rate', 'trend', 'gauge']),
  values: z.record(z.string(), z.number()),
  thresholds: z.record(z.string(), z.looseObject({ ok: z.boolean(), value: z.number().optional() })).optional(),
  /** A trend's HdrHistogram (microseconds), compressed and base64-encoded. */
  histogram: z.string().optional(),
});

/** The file as the engine writes it. */
export const loadSummarySchema = z.looseObject({
  format: z.literal(SUMMARY_FORMAT),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.number(),
  exitReason: z.string(),
  abortedBy: z.string().optional(),
  workers: z.number(),
  plan: z.unknown(),
  journeyErrors: z.array(z.string()),
  metrics: z.record(z.string(), metricSchema),
});

/** What every reader needs (each reads the metrics it knows, and tells a missing one apart): a metrics object. */
export const loadSummaryMetricsSchema = z.looseObject({ metrics: z.record(z.string(), z.unknown()) });

/** Problems with load-summary.json as its readers need it, as "field: what is wrong" (empty when fine). */
export function loadSummaryProblems(value: unknown): string[] {
  const parsed = loadSummaryMetricsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}

/** load-summary.json as written: checked against the schema, so no writer drifts from the readers. */
export function loadSummaryJson(summary: unknown): string {
  loadSummarySchema.parse(summary);
  return `${JSON.stringify(summary, null, 2)}\n`;
}
