// The security profile as an engine journey module: journey 0 probes the exchange like an attacker — cross-account
// access, missing / expired / forged tokens, injection, oversized and malformed bodies, wrong content types, id
// enumeration, the rate limit — while every other journey k is background load, applicant k enrolling. Each probe is
// a check tagged with its class (as scenarios/security.ts); the profile's thresholds allow zero successful probes per
// class and require every class to have run. The file's last two households are the probes' own (victim, attacker).

import type { Journey, JourneyContext } from '../../engine/runtime.ts';
import { AbortedError } from '../../engine/runtime.ts';
import { inSegment, type Segment } from '../../engine/schedule.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { SECURITY_PROBE_HOUSEHOLDS, type ProbeClass } from './security/probeClasses.ts';
import { applicantFor, loadSegmentApplicants, type SegmentApplicants } from './applicants.ts';
import { consumerJourney, createConsumerWorker } from './journeys.ts';
import { openLedger, segmentLedgerFile, type Ledger } from './ledger.ts';
import { CONSUMER_OPTION_NAMES, consumerOptions, optionsObject, refuseUnknownOptions, type ConsumerOptions } from './options.ts';
import { crossAccountProbes, enumerationProbes, expiredTokenProbes, forgedTokenProbes, missingTokenProbes } from './security/accessProbes.ts';
import { contentTypeProbes, injectionProbes, malformedBodyProbes, oversizedBodyProbes } from './security/inputProbes.ts';
import { ProbeSender } from './security/probeKit.ts';
import { rateLimitProbe } from './security/rateLimitProbe.ts';
import { prepareVictim } from './security/victim.ts';

export interface SecurityOptions extends ConsumerOptions {
  /** The exchange's rate limit per client a minute (how the harness started it); none: rate_limit is not probed. */
  rateLimitPerMinute?: number;
}

/** The journey that probes; every other one is background load. */
export const PROBES_JOURNEY = 0;

const MODULE = 'security';

export function securityOptions(raw: unknown): SecurityOptions {
  const options = optionsObject(MODULE, raw);
  refuseUnknownOptions(MODULE, options, [...CONSUMER_OPTION_NAMES, 'rateLimitPerMinute']);
  const limit = options.rateLimitPerMinute;
  if (limit !== undefined && !(typeof limit === 'number' && Number.isInteger(limit) && limit > 0)) {
    throw new UsageError(
      `${MODULE} journey option rateLimitPerMinute (got ${JSON.stringify(limit)})`,
      'a whole number of requests a minute > 0, or none',
      "Give the exchange's --rate-limit, or leave it out when the exchange has none (rate_limit is then not probed).",
    );
  }
  return { ...consumerOptions(MODULE, options), ...(limit === undefined ? {} : { rateLimitPerMinute: limit }) };
}

/** Runs every probe class once; a fault in one class's code does not skip the others, and is reported at the end. */
async function probeTheExchange(context: JourneyContext, options: SecurityOptions, applicants: SegmentApplicants, ledger: Ledger): Promise<void> {
  const [attackerHousehold, victimHousehold] = applicants.last(SECURITY_PROBE_HOUSEHOLDS);
  if (!attackerHousehold || !victimHousehold)
    throw new Error(`security: the applicants file holds ${applicants.total} households; the probes need their own last ${SECURITY_PROBE_HOUSEHOLDS}`);
  const sender = new ProbeSender(context, options.baseUrl);
  const victim = await prepareVictim(sender, victimHousehold, ledger);
  if (!victim) throw new Error('security: the victim account could not apply and enroll; the exchange must pass the smoke profile first');
  // Attackers' accounts: unique to this run, under the reserved .test domain.
  const email = (probeClass: string): string => `${probeClass}.${Date.now().toString(36)}@probe.example.test`;
  const classes: [ProbeClass, () => Promise<void>][] = [
    ['cross_account', () => crossAccountProbes(context, sender, victim, email('cross-account'))],
    ['missing_token', () => missingTokenProbes(context, sender, victim)],
    ['forged_token', () => forgedTokenProbes(context, sender, victim, email('forged'))],
    ['enumeration', () => enumerationProbes(context, sender, victim, email('enumeration'))],
    ['injection', () => injectionProbes(context, sender, attackerHousehold, email('injection'))],
    ['oversized_body', () => oversizedBodyProbes(context, sender, attackerHousehold, email('oversized'))],
    ['malformed_body', () => malformedBodyProbes(context, sender, email('malformed'))],
    ['content_type', () => contentTypeProbes(context, sender, attackerHousehold, email('content-type'))],
    ['rate_limit', () => rateLimitProbe(context, sender, options.rateLimitPerMinute, email('rate-limit'))],
    // Last: by now the victim's one-second token has long expired, so this rarely waits.
    ['expired_token', () => expiredTokenProbes(context, sender, victim)],
  ];
  const stopped: string[] = [];
  for (const [name, run] of classes) {
    try {
      await run();
    } catch (error) {
      if (error instanceof AbortedError || context.signal.aborted) throw error;
      stopped.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  // The class cut short also fails its "probes made" threshold; this names the cause.
  if (stopped.length > 0) throw new Error(`security: probe classes stopped by a fault in their code: ${stopped.join('; ')}`);
}

export async function createJourney(raw: unknown, segment: Segment): Promise<Journey> {
  const options = securityOptions(raw);
  const probesHere = inSegment(PROBES_JOURNEY, segment);
  const applicants = await loadSegmentApplicants(options.applicantsFile, segment, { keepLast: probesHere ? SECURITY_PROBE_HOUSEHOLDS : 0 });
  const worker = createConsumerWorker(options, openLedger(segmentLedgerFile(options.ledgerDir, segment)));
  return async (context) => {
    if (context.iteration === PROBES_JOURNEY) return probeTheExchange(context, options, applicants, worker.ledger);
    // Applicant 0 goes unused (journey 0 probes); the last households are the probes' own.
    const background = applicants.total - SECURITY_PROBE_HOUSEHOLDS;
    if (context.iteration >= background) {
      throw new Error(
        `all ${background} background applicants used (the file's last ${SECURITY_PROBE_HOUSEHOLDS} are the probes' own): the plan made more journeys than the file holds; rerun with a larger --scale`,
      );
    }
    return consumerJourney('enroll', applicantFor(applicants, context.iteration), context, worker);
  };
}
