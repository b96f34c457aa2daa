// The parts of k6's end-of-test summary (handleSummary data) the verdict reads.

export interface K6Metric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface K6Summary {
  metrics: Record<string, K6Metric>;
}

export function metricValue(summary: K6Summary, metric: string, stat: string): number | undefined {
  return summary.metrics[metric]?.values[stat];
}

/** Every threshold k6 judged, as "metric: expression", with its outcome. */
export function thresholdOutcomes(summary: K6Summary): { name: string; ok: boolean }[] {
  return Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {}).map(([expression, t]) => ({ name: `${metric}: ${expression}`, ok: t.ok })),
  );
}
