// prom-client's default process and Node.js metrics, as a service registers them under its prefix
// (`collectDefaultMetrics({ prefix })` in mock-exchange/*/metrics.ts). A test checks each name against a real registry.

export const EXCHANGE_DEFAULT_METRICS_PREFIX = 'exchange_';
export const INSURER_DEFAULT_METRICS_PREFIX = 'insurer_';

export function processMetricNames(prefix: string) {
  return {
    cpuSeconds: `${prefix}process_cpu_seconds_total`,
    residentMemory: `${prefix}process_resident_memory_bytes`,
    heapUsed: `${prefix}nodejs_heap_size_used_bytes`,
    eventLoopLagP50: `${prefix}nodejs_eventloop_lag_p50_seconds`,
    eventLoopLagP99: `${prefix}nodejs_eventloop_lag_p99_seconds`,
  } as const;
}

export type ProcessMetricNames = ReturnType<typeof processMetricNames>;
