// The exchange's route names: the `route` label of its metrics, the per-route fault switches
// (`exchange.latency.<route>`, `exchange.error.<route>`), the SLO rules and the dashboards. Typed, so a name
// misspelt in a handler is a compile error, not a route whose switches silently never fire.

/** Consumer pages: each has its own latency and error switch, and the SLOs judge them. */
export const EXCHANGE_ROUTES = [
  'browse',
  'account',
  'login',
  'application',
  'application_update',
  'eligibility',
  'plans',
  'enroll',
  'enrollments',
  'enrollment',
] as const;
export type ExchangeRoute = (typeof EXCHANGE_ROUTES)[number];

/**
 * Operational endpoints (health, metrics, admin views, the API document): not consumer pages, so the SLO rules
 * leave them out and the fault switches never slow or fail them (the harness must still see readiness).
 */
export const OPERATIONAL_ROUTES = ['health', 'metrics', 'admin', 'openapi'] as const;
export type OperationalRoute = (typeof OPERATIONAL_ROUTES)[number];

/**
 * Answers given before any route: the waiting room, its refusals, the rate limit, a body refused before any route
 * read it (unparseable or not strict JSON, too large, an unsupported charset: `bad_body`), and a path no route matched.
 */
export const GATE_ROUTES = ['waiting_room', 'admission_refused', 'rate_limited', 'bad_body', 'unmatched'] as const;
export type GateRoute = (typeof GATE_ROUTES)[number];

export type RouteName = ExchangeRoute | OperationalRoute | GateRoute;

/** The header a consumer admitted by the waiting room sends its session in (the exchange checks it, the journeys send it). */
export const SESSION_HEADER = 'x-waiting-room-session';
