// The parts of the load's end-of-test summary (load-summary.json, engine/summary.ts) the verdict reads.

export interface LoadMetric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export interface LoadSummary {
  metrics: Record<string, LoadMetric>;
}

export function metricValue(summary: LoadSummary, metric: string, stat: string): number | undefined {
  return summary.metrics[metric]?.values[stat];
}

/** Every threshold the engine judged, as "metric: expression", with its outcome. */
export function thresholdOutcomes(summary: LoadSummary): { name: string; ok: boolean }[] {
  return Object.entries(summary.metrics).flatMap(([metric, m]) =>
    Object.entries(m.thresholds ?? {}).map(([expression, t]) => ({ name: `${metric}: ${expression}`, ok: t.ok })),
  );
}
