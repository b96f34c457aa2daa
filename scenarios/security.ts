// Security: under light background load (the enrollment journey at a low arrival rate), one VU probes the exchange
// like an attacker — cross-account access, missing / expired / forged tokens, injection, oversized and malformed
// bodies, wrong content types, id enumeration, the rate limit. Each probe is a check tagged with its class; the
// profile's thresholds allow zero successful probes per class and require every class to have run.

import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { applicants } from './lib/applicants.ts';
import { config } from './lib/config.ts';
import { consumerJourney } from './lib/journeys.ts';
import { crossAccountProbes, enumerationProbes, expiredTokenProbes, forgedTokenProbes, missingTokenProbes } from './lib/security/accessProbes.ts';
import { contentTypeProbes, injectionProbes, malformedBodyProbes, oversizedBodyProbes } from './lib/security/inputProbes.ts';
import { SECURITY_PROBE_HOUSEHOLDS } from './lib/security/probeClasses.ts';
import { ProbeSender } from './lib/security/probeKit.ts';
import { rateLimitProbe } from './lib/security/rateLimitProbe.ts';
import { prepareVictim } from './lib/security/victim.ts';

/** The probes run once, on one VU, and are cut off after this long whatever happens. */
const PROBES_MAX_DURATION = '90s';

export const options: Options = {
  scenarios: {
    background: { ...config.scenario, exec: 'background' },
    probes: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: PROBES_MAX_DURATION, exec: 'probes' },
  },
  thresholds: config.thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
};
export { handleSummary, setup } from './lib/enrollmentProfile.ts';

export function background(): void {
  const index = exec.scenario.iterationInTest;
  if (index >= applicants.length - SECURITY_PROBE_HOUSEHOLDS) return;
  consumerJourney('enroll', applicants[index]!, config);
}

export function probes(): void {
  const victimHousehold = applicants[applicants.length - 1]!;
  const attackerHousehold = applicants[applicants.length - 2]!;
  const victim = prepareVictim(new ProbeSender(config.baseUrl, 'setup'), victimHousehold);
  if (!victim) {
    exec.test.abort('security: the victim account could not apply and enroll; the exchange must pass the smoke profile first');
    return;
  }
  // Attackers' accounts: unique to this run, under the reserved .test domain.
  const email = (probeClass: string): string => `${probeClass}.${Date.now().toString(36)}@probe.example.test`;
  const classes: [string, () => void][] = [
    ['cross_account', () => crossAccountProbes(config.baseUrl, victim, email('cross-account'))],
    ['missing_token', () => missingTokenProbes(config.baseUrl, victim)],
    ['forged_token', () => forgedTokenProbes(config.baseUrl, victim, email('forged'))],
    ['enumeration', () => enumerationProbes(config.baseUrl, victim, email('enumeration'))],
    ['injection', () => injectionProbes(config.baseUrl, attackerHousehold, email('injection'))],
    ['oversized_body', () => oversizedBodyProbes(config.baseUrl, attackerHousehold, email('oversized'))],
    ['malformed_body', () => malformedBodyProbes(config.baseUrl, email('malformed'))],
    ['content_type', () => contentTypeProbes(config.baseUrl, attackerHousehold, email('content-type'))],
    ['rate_limit', () => rateLimitProbe(config.baseUrl, config.exchange?.rateLimitPerMinute, email('rate-limit'))],
    // Last: by now the victim's one-second token has long expired, so this rarely waits.
    ['expired_token', () => expiredTokenProbes(config.baseUrl, victim)],
  ];
  // A script error in one class must not skip the others; the class it cut short fails its "probes made" threshold.
  for (const [name, run] of classes) {
    try {
      run();
    } catch (error) {
      console.error(`security: probe class ${name} stopped by a script error: ${String(error)}`);
    }
  }
}
