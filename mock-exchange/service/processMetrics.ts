// Node's process and runtime metrics (prom-client's defaults) under a service prefix, without the three gauges
// prom-client names `*_total` (active handles, requests, resources): Prometheus reserves that suffix for counters,
// and `promtool check metrics` refuses them. Their per-type breakdowns (`*_active_handles` etc.) stay.

import { collectDefaultMetrics, type Registry } from 'prom-client';

const MISNAMED_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export function collectProcessMetrics(registry: Registry, prefix: string): void {
  collectDefaultMetrics({ register: registry, prefix });
  for (const name of MISNAMED_GAUGES) registry.removeSingleMetric(`${prefix}${name}`);
}
