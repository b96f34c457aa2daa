// The engine's metrics as Prometheus stores them when the engine pushes them by remote write: one prefix, a suffix
// by kind, and the labels every series carries. One list for the pusher, the dashboards and docs/engine-metrics.md.

import { ENGINE_METRICS, type MetricKind } from './engine.ts';

/** Every engine series starts with this, so the load's series stand apart from the services' own. */
export const PROMETHEUS_PREFIX = 'harness_';

/** What each kind becomes: the names of its series in Prometheus and their Prometheus type. */
export interface PrometheusSeriesName {
  name: string;
  type: 'counter' | 'gauge' | 'native histogram';
}

/** A Prometheus metric name from an engine name: characters Prometheus does not allow become `_`. */
export function metricName(engineName: string): string {
  const name = engineName.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A Prometheus label name from a tag name: `[a-zA-Z_][a-zA-Z0-9_]*`, and never the reserved `__` start. */
export function labelName(tag: string): string {
  const name = tag.replace(/[^a-zA-Z0-9_]/g, '_');
  if (name === '' || /^[0-9]/.test(name)) return `_${name}`;
  return name.startsWith('__') ? `tag${name}` : name;
}

/** A counter's running total. */
export const counterName = (name: string): string => `${PROMETHEUS_PREFIX}${metricName(name)}_total`;
/** A gauge's last value. */
export const gaugeName = (name: string): string => `${PROMETHEUS_PREFIX}${metricName(name)}`;
/** A trend (milliseconds in the engine) as a native histogram in seconds. */
export const trendName = (name: string): string => `${PROMETHEUS_PREFIX}${metricName(name)}_seconds`;

/**
 * A rate as two counters: every sample, and the samples that were true (a check passed; for `http_req_failed`, a
 * request failed). Their ratio over any window and any grouping is the share; a gauge of the share could not be
 * summed across routes or shards, nor taken over a window.
 */
export const rateNames = (name: string): { samples: string; true: string } => ({
  samples: `${PROMETHEUS_PREFIX}${metricName(name)}_samples_total`,
  true: `${PROMETHEUS_PREFIX}${metricName(name)}_true_total`,
});

/** The Prometheus series an engine metric of this kind becomes. */
export function prometheusSeries(name: string, kind: MetricKind): PrometheusSeriesName[] {
  switch (kind) {
    case 'counter':
      return [{ name: counterName(name), type: 'counter' }];
    case 'gauge':
      return [{ name: gaugeName(name), type: 'gauge' }];
    case 'trend':
      return [{ name: trendName(name), type: 'native histogram' }];
    case 'rate': {
      const { samples, true: trues } = rateNames(name);
      return [
        { name: samples, type: 'counter' },
        { name: trues, type: 'counter' },
      ];
    }
  }
}

/** The kind of each metric the engine records itself (engine/httpClient.ts, executor.ts, runtime.ts). */
export const ENGINE_METRIC_KINDS = {
  requests: 'counter',
  requestDuration: 'trend',
  requestBlocked: 'trend',
  requestConnecting: 'trend',
  requestWaiting: 'trend',
  requestFailed: 'rate',
  journeys: 'counter',
  journeyDuration: 'trend',
  startLag: 'trend',
  journeysDropped: 'counter',
  journeysInterrupted: 'counter',
  journeyErrors: 'counter',
  activeUsers: 'gauge',
  checks: 'rate',
} as const satisfies Record<keyof typeof ENGINE_METRICS, MetricKind>;

/** The engine's own metrics in Prometheus, for dashboards and rules. */
export const ENGINE_SERIES = {
  requests: counterName(ENGINE_METRICS.requests),
  requestDuration: trendName(ENGINE_METRICS.requestDuration),
  requestBlocked: trendName(ENGINE_METRICS.requestBlocked),
  requestConnecting: trendName(ENGINE_METRICS.requestConnecting),
  requestWaiting: trendName(ENGINE_METRICS.requestWaiting),
  requestFailed: rateNames(ENGINE_METRICS.requestFailed),
  journeys: counterName(ENGINE_METRICS.journeys),
  journeyDuration: trendName(ENGINE_METRICS.journeyDuration),
  startLag: trendName(ENGINE_METRICS.startLag),
  journeysDropped: counterName(ENGINE_METRICS.journeysDropped),
  journeysInterrupted: counterName(ENGINE_METRICS.journeysInterrupted),
  journeyErrors: counterName(ENGINE_METRICS.journeyErrors),
  activeUsers: gaugeName(ENGINE_METRICS.activeUsers),
  checks: rateNames(ENGINE_METRICS.checks),
} as const;

/** Labels on the engine's series: `testid` (and any given, e.g. `shard`) on all, the rest from the engine's tags. */
export const ENGINE_LABELS = {
  /** The run, as on every other series of the run's Prometheus. */
  testid: 'testid',
  /** A request's route (the `name` the journey gives, never a per-person URL). */
  name: 'name',
  /** A request's status code, `0` for no response. */
  status: 'status',
  /** A check's name, on `checks`. */
  check: 'check',
  /** The consumer journey, on the journeys' own metrics. */
  journey: 'journey',
} as const;
