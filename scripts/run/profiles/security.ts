// security: light background load (the enrollment journey arriving at a low rate) while one VU probes the exchange
// like an attacker, once per probe class (scenarios/security.ts). Zero successful probes allowed per class, and every
// class must have run; the exchange runs with a rate limit for the rate_limit probe to find.

import { METRIC_NAMES } from '../../../scenarios/consumers/metricNames.ts';
import { PROBE_CLASS_NAMES, SECURITY_PROBE_HOUSEHOLDS } from '../../../scenarios/consumers/security/probeClasses.ts';
import { UsageError } from '../../usageError.ts';
import type { Profile } from './profile.ts';
import type { K6Thresholds } from './thresholds.ts';

/** Background journeys a minute at scale 1: light, so a finding is the probe's, not the load's. */
const JOURNEYS_PER_MINUTE = 60;
const DEFAULT_SECONDS = 20;
/** The exchange's limit per client; anonymous requests share one key (the loopback address) with the background's. */
export const SECURITY_RATE_LIMIT_PER_MINUTE = 600;
/** Anonymous requests of one background journey: entering the waiting room and creating the account. */
const ANONYMOUS_REQUESTS_PER_JOURNEY = 2;

export function securityThresholds(): K6Thresholds {
  return Object.fromEntries(
    PROBE_CLASS_NAMES.flatMap((probe) => [
      [`${METRIC_NAMES.securityProbesSucceeded}{probe:${probe}}`, ['count==0']],
      [`${METRIC_NAMES.securityProbes}{probe:${probe}}`, ['count>0']],
    ]),
  );
}

export const security: Profile = {
  name: 'security',
  description: 'probes the exchange like an attacker (cross-account access, tokens, injection, bodies, content types, enumeration, rate limit) under light background load',
  plan({ scale, durationSeconds }) {
    const seconds = Math.max(1, Math.round(durationSeconds ?? DEFAULT_SECONDS));
    const perMinute = Math.max(1, Math.round(JOURNEYS_PER_MINUTE * scale));
    if (perMinute * ANONYMOUS_REQUESTS_PER_JOURNEY > SECURITY_RATE_LIMIT_PER_MINUTE / 2) {
      throw new UsageError(
        `profile security at --scale ${scale}`,
        `a light background load: at most ${SECURITY_RATE_LIMIT_PER_MINUTE / 2 / ANONYMOUS_REQUESTS_PER_JOURNEY} journeys a minute, so it never meets the exchange's rate limit`,
        'Lower --scale; the load profiles measure capacity, this one probes security.',
      );
    }
    const journeys = Math.ceil((perMinute * seconds) / 60);
    const vus = Math.max(2, Math.ceil(perMinute / 60) * 4);
    return {
      applicants: journeys + 1 + SECURITY_PROBE_HOUSEHOLDS,
      intendedEnrollments: undefined,
      scenario: { executor: 'constant-arrival-rate', rate: perMinute, timeUnit: '1m', duration: `${seconds}s`, preAllocatedVUs: vus, maxVUs: vus * 2 },
      maxVUs: vus * 2 + 1,
      thinkTimeSeconds: 0,
      thresholds: securityThresholds(),
      exchange: { rateLimitPerMinute: SECURITY_RATE_LIMIT_PER_MINUTE },
      describe: `background ${perMinute} journeys a minute for ${seconds} s; one VU probes ${PROBE_CLASS_NAMES.length} classes (exchange rate limit ${SECURITY_RATE_LIMIT_PER_MINUTE}/min per client)`,
    };
  },
};
