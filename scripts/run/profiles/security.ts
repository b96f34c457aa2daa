// security: light background load (the enrollment journey arriving at a low rate) while the first journey probes the
// exchange like an attacker, once per probe class (scenarios/consumers/security.ts). Zero successful probes allowed
// per class, and every class must have run; the exchange runs with a rate limit for the rate_limit probe to find.

import type { ConstantArrivalRate } from '../../../engine/plan.ts';
import { plannedArrivals } from '../../../engine/schedule.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';
import { PROBE_CLASS_NAMES, SECURITY_PROBE_HOUSEHOLDS } from '../../../scenarios/consumers/security/probeClasses.ts';
import { UsageError } from '../../../vocabulary/errors.ts';
import { NO_THINK_GRACEFUL_STOP_SECONDS, type Profile } from './profile.ts';
import { withSloThresholds, type Thresholds } from './thresholds.ts';

/** Background journeys a minute at scale 1: light, so a finding is the probe's, not the load's. */
const JOURNEYS_PER_MINUTE = 60;
/** At the least scale, still a background: at least one journey a minute. */
const MIN_JOURNEYS_PER_MINUTE = 1;
const DEFAULT_SECONDS = 20;
/** The exchange's limit per client; anonymous requests share one key (the loopback address) with the background's. */
export const SECURITY_RATE_LIMIT_PER_MINUTE = 600;
/** Anonymous requests of one background journey: entering the waiting room and creating the account. */
const ANONYMOUS_REQUESTS_PER_JOURNEY = 2;
/** Journeys in flight allowed per journey a second, the rate rounded up: room for journeys slowed by the probes. */
const IN_FLIGHT_PER_RATE = 8;

export function securityThresholds(): Thresholds {
  return Object.fromEntries(
    PROBE_CLASS_NAMES.flatMap((probe) => [
      [`${METRIC_NAMES.securityProbesSucceeded}{probe:${probe}}`, [{ expression: 'count==0' }]],
      [`${METRIC_NAMES.securityProbes}{probe:${probe}}`, [{ expression: 'count>0' }]],
    ]),
  );
}

/** Formats journeys a minute: a whole number as is, a fraction to two places. */
const perMinuteText = (perMinute: number): string => (Number.isInteger(perMinute) ? String(perMinute) : perMinute.toFixed(2));

export const security: Profile = {
  name: 'security',
  description:
    'probes the exchange like an attacker (cross-account access, tokens, injection, bodies, content types, enumeration, rate limit) under light background load',
  plan({ targets, scale, durationSeconds }) {
    const seconds = Math.max(1, Math.round(durationSeconds ?? DEFAULT_SECONDS));
    const perMinute = Math.max(MIN_JOURNEYS_PER_MINUTE, JOURNEYS_PER_MINUTE * scale);
    if (perMinute * ANONYMOUS_REQUESTS_PER_JOURNEY > SECURITY_RATE_LIMIT_PER_MINUTE / 2) {
      throw new UsageError(
        `profile security at --scale ${scale}`,
        `a light background load: at most ${SECURITY_RATE_LIMIT_PER_MINUTE / 2 / ANONYMOUS_REQUESTS_PER_JOURNEY} journeys a minute, so it never meets the exchange's rate limit`,
        'Lower --scale; the load profiles measure capacity, this one probes security.',
      );
    }
    const rate = perMinute / 60;
    const maxInFlight = Math.ceil(rate) * IN_FLIGHT_PER_RATE;
    const executor: ConstantArrivalRate = { executor: 'constant-arrival-rate', rate, seconds, maxInFlight };
    // Journey k enrolls applicant k, but journey 0 probes with households of its own, the file's last (applicant 0 goes unused).
    const journeys = plannedArrivals(executor);
    return {
      applicants: journeys + SECURITY_PROBE_HOUSEHOLDS,
      intendedEnrollments: undefined,
      loadPlan: { executor, gracefulStopSeconds: NO_THINK_GRACEFUL_STOP_SECONDS, thresholds: withSloThresholds(targets, securityThresholds()) },
      maxUsers: maxInFlight,
      thinkTimeSeconds: 0,
      exchange: { rateLimitPerMinute: SECURITY_RATE_LIMIT_PER_MINUTE },
      describe: `background ${perMinuteText(perMinute)} journeys a minute for ${seconds} s, the first probing ${PROBE_CLASS_NAMES.length} classes (exchange rate limit ${SECURITY_RATE_LIMIT_PER_MINUTE}/min per client)`,
    };
  },
};
