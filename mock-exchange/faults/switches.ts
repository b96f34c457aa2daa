// Every fault switch the mock services understand, with its kind: the one list parser, services and docs/faults.md follow.
// A switch not listed here does not exist; the parser names this list when it meets an unknown one.

export type FaultKind = 'rate' | 'duration' | 'rateOrDuration';

export interface FaultSwitch {
  kind: FaultKind;
  /** Which service acts on it. */
  service: 'exchange' | 'backend' | 'insurer';
  description: string;
}

import { EXCHANGE_ROUTES, type ExchangeRoute } from '../../vocabulary/routes.ts';

/** Route names of the exchange (vocabulary/routes.ts), each with its own latency and error switch. */
export { EXCHANGE_ROUTES, type ExchangeRoute };

/** Fields of an outgoing 834 the back end can garble. */
export const GARBLE_FIELDS = ['relationship', 'dob', 'ssn', 'ratingArea', 'planId', 'aptc', 'premium'] as const;
export type GarbleField = (typeof GARBLE_FIELDS)[number];

/**
 * How long `backend.delay` (given as a rate) holds an enrollment back: past the default 60 s delivery deadline of
 * targets.yaml, so every delayed enrollment is "late". `backend.delay.hold` overrides it for short test runs.
 */
export const BACKEND_DELAY_HOLD_MS = 65_000;

const routeSwitches = Object.fromEntries(
  EXCHANGE_ROUTES.flatMap((route) => [
    [`exchange.latency.${route}`, { kind: 'duration', service: 'exchange', description: `added latency on the ${route} route` }],
    [`exchange.error.${route}`, { kind: 'rate', service: 'exchange', description: `share of ${route} requests answered 500` }],
  ]),
) as Record<string, FaultSwitch>;

const garbleSwitches = Object.fromEntries(
  GARBLE_FIELDS.map((field) => [
    `backend.garble.${field}`,
    { kind: 'rate', service: 'backend', description: `share of enrollments whose ${field} is altered in the 834` },
  ]),
) as Record<string, FaultSwitch>;

export const VULNERABLE_SWITCH_NAMES = [
  'exchange.skipAuthentication',
  'exchange.acceptExpiredTokens',
  'exchange.acceptForgedTokens',
  'exchange.noInputValidation',
  'exchange.noBodyLimit',
  'exchange.badJsonCrash',
  'exchange.laxContentType',
  'exchange.revealForeignIds',
  'exchange.noRateLimit',
] as const;
export type VulnerableSwitch = (typeof VULNERABLE_SWITCH_NAMES)[number];

/**
 * Vulnerable modes of the exchange, each a hole the `security` profile's probe class of the same concern must find
 * (exchange.skipOwnershipCheck, above, is the cross-account one). Rates, like every exchange switch: 1 opens the hole always.
 */
const VULNERABLE_SWITCHES: Record<VulnerableSwitch, FaultSwitch> = {
  'exchange.skipAuthentication': {
    kind: 'rate',
    service: 'exchange',
    description: 'share of applications and enrollments served to a request with no bearer token at all',
  },
  'exchange.acceptExpiredTokens': { kind: 'rate', service: 'exchange', description: 'share of accounts whose expired tokens are still accepted' },
  'exchange.acceptForgedTokens': { kind: 'rate', service: 'exchange', description: 'share of accounts for which a token with a wrong signature is trusted' },
  'exchange.noInputValidation': { kind: 'rate', service: 'exchange', description: "share of JSON objects accepted without checking their fields' formats" },
  'exchange.noBodyLimit': { kind: 'rate', service: 'exchange', description: 'share of requests whose body is read whatever its size (no 413)' },
  'exchange.badJsonCrash': {
    kind: 'rate',
    service: 'exchange',
    description: 'share of unparseable JSON bodies answered 500 (an unhandled error) instead of 400',
  },
  'exchange.laxContentType': { kind: 'rate', service: 'exchange', description: 'share of requests whose body is read as JSON whatever its content type' },
  'exchange.revealForeignIds': {
    kind: 'rate',
    service: 'exchange',
    description: "share of other accounts' resources answered 403, not 404, so ids can be enumerated",
  },
  'exchange.noRateLimit': { kind: 'rate', service: 'exchange', description: 'share of clients the rate limit never stops' },
};

export const FAULT_SWITCHES: Readonly<Record<string, FaultSwitch>> = {
  'exchange.latency': { kind: 'duration', service: 'exchange', description: 'added latency on every route' },
  ...Object.fromEntries(Object.entries(routeSwitches).filter(([name]) => name.startsWith('exchange.latency.'))),
  'exchange.cpu': {
    kind: 'duration',
    service: 'exchange',
    description: "CPU work added to every request, on the exchange's one thread: lowers its capacity the way a slow code path does",
  },
  'exchange.error': { kind: 'rate', service: 'exchange', description: 'share of requests on every route answered 500' },
  ...Object.fromEntries(Object.entries(routeSwitches).filter(([name]) => name.startsWith('exchange.error.'))),
  'exchange.wrongSubsidy': { kind: 'rate', service: 'exchange', description: 'share of eligibility answers with a wrong APTC' },
  'exchange.skipOwnershipCheck': { kind: 'rate', service: 'exchange', description: "share of requests that skip the check that a resource is the caller's" },
  ...VULNERABLE_SWITCHES,
  'backend.drop': { kind: 'rate', service: 'backend', description: 'share of confirmed enrollments never sent to the insurer' },
  'backend.duplicate': { kind: 'rate', service: 'backend', description: 'share of enrollments sent again in a later interchange' },
  'backend.misroute': { kind: 'rate', service: 'backend', description: 'share of enrollments sent to another issuer' },
  'backend.delay': {
    kind: 'rateOrDuration',
    service: 'backend',
    description: `a rate: that share of enrollments is held back for backend.delay.hold (default ${BACKEND_DELAY_HOLD_MS / 1000} s, past the default deadline); a duration: every enrollment is held that long`,
  },
  'backend.delay.hold': { kind: 'duration', service: 'backend', description: 'how long backend.delay (as a rate) holds an enrollment back' },
  ...garbleSwitches,
  'insurer.down': {
    kind: 'rateOrDuration',
    service: 'insurer',
    description: 'a rate: that share of 834 posts answered 503; a duration: every 834 post answered 503 for that long from the first 834 post',
  },
  'insurer.slow': { kind: 'duration', service: 'insurer', description: 'added delay before the insurer answers an 834 post' },
  'insurer.error': { kind: 'rate', service: 'insurer', description: 'share of 834 posts answered 500' },
  'insurer.reject': { kind: 'rate', service: 'insurer', description: 'share of valid 834 interchanges answered with a rejecting 999 (nothing stored)' },
};

export function isFaultName(name: string): boolean {
  return Object.hasOwn(FAULT_SWITCHES, name);
}
