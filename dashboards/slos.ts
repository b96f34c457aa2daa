// The service-level objectives the dashboards and the alert rules share, derived from targets.yaml: an error-rate
// objective, and one latency objective per percentile target (p95 under 1 s leaves 5 % of requests as budget).

import type { Targets } from '../vocabulary/targets.ts';

export interface ErrorObjective {
  name: 'errors';
  /** Share of requests that may fail. */
  budget: number;
}

export interface LatencyObjective {
  name: 'latency_p95' | 'latency_p99';
  quantile: number;
  thresholdSeconds: number;
  /** Share of requests that may be slower than the threshold: 1 − quantile. */
  budget: number;
}

export interface Objectives {
  errors: ErrorObjective;
  latency: LatencyObjective[];
}

function latency(name: LatencyObjective['name'], quantile: number, thresholdMs: number): LatencyObjective {
  return { name, quantile, thresholdSeconds: thresholdMs / 1000, budget: Number((1 - quantile).toFixed(6)) };
}

export function objectivesOf(targets: Targets): Objectives {
  return {
    errors: { name: 'errors', budget: targets.slo.errorRate },
    latency: [latency('latency_p95', 0.95, targets.slo.p95Ms), latency('latency_p99', 0.99, targets.slo.p99Ms)],
  };
}
