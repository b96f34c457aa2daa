// The metrics the engine records itself, named once: the HTTP client's, the executors' and the checks'. Journeys
// add their own (prefixed, e.g. marketplace_*) through the runtime API.

export const ENGINE_METRICS = {
  /** Counter of requests, tagged name (the route) and status (0: no response). */
  requests: 'http_reqs',
  /** Trend, ms: from when the request was meant to be sent to the last byte of the response (coordinated omission counted). */
  requestDuration: 'http_req_duration',
  /** Trend, ms: waiting for a free connection (sent − meant to be sent). */
  requestBlocked: 'http_req_blocked',
  /** Trend, ms: a new connection's connect (TCP, and TLS for https), untagged: connections are shared by routes. */
  requestConnecting: 'http_req_connecting',
  /** Trend, ms: time to first byte, from the request written to the response's headers. */
  requestWaiting: 'http_req_waiting',
  /** Rate: the share of requests that failed (a network error, or a status the request did not expect: by default 400 and above). */
  requestFailed: 'http_req_failed',
  /** Counter of journeys started. */
  journeys: 'journeys',
  /** Trend, ms: a journey from its scheduled start to its end (think time included). */
  journeyDuration: 'journey_duration',
  /** Trend, ms: an open model's journey, scheduled start → actual start: the generator's own lag. */
  startLag: 'journey_start_lag',
  /** Counter of arrivals not started because the cap on journeys in flight was reached. */
  journeysDropped: 'journeys_dropped',
  /** Counter of journeys cut off by the end of the graceful stop (or an abort). */
  journeysInterrupted: 'journeys_interrupted',
  /** Counter of journeys that threw: a fault in the journey's code, not in the target. */
  journeyErrors: 'journey_errors',
  /** Gauge: journeys in flight (open model) or users running (closed model). */
  activeUsers: 'active_users',
  /** Rate: checks passed, tagged check (its name). */
  checks: 'checks',
} as const;

export type EngineMetric = (typeof ENGINE_METRICS)[keyof typeof ENGINE_METRICS];

/** How the engine keeps a metric: a count, a share of true, a distribution (HDR histogram), or a last value. */
export type MetricKind = 'counter' | 'rate' | 'trend' | 'gauge';
