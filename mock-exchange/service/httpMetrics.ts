// The RED metrics both services keep of their HTTP requests: a count by route pattern, method and status, and a
// duration histogram by route pattern and method. Names and buckets are each service's (vocabulary/metrics/).

import { Counter, Histogram, type Registry } from 'prom-client';

export interface HttpMetricNames {
  names: { httpRequests: string; httpDuration: string };
  labels: { route: string; method: string; status: string };
  buckets: number[];
}

export function httpMetrics(registry: Registry, { names, labels, buckets }: HttpMetricNames) {
  const registers = [registry];
  return {
    httpRequests: new Counter({
      name: names.httpRequests,
      help: 'HTTP requests by route pattern, method and status',
      labelNames: [labels.route, labels.method, labels.status],
      registers,
    }),
    httpDuration: new Histogram({
      name: names.httpDuration,
      help: 'HTTP request duration by route pattern',
      labelNames: [labels.route, labels.method],
      buckets,
      registers,
    }),
  };
}
