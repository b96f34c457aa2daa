// Which consumers a profile sends, on the engine: the journey module and the options it is given (the run
// configuration every module reads: the exchange, the applicants, think time, the waiting room, the ledgers).

import { fileURLToPath } from 'node:url';
import type { JourneyMix } from '../../vocabulary/journeys.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import type { ProfilePlan } from './profiles/index.ts';

const moduleFile = (name: string): string => fileURLToPath(new URL(`../../scenarios/consumers/${name}.ts`, import.meta.url));

/** Profiles measuring the enrollment path: every journey enrolls. The others follow the targets' funnel. */
const ENROLLING = new Set(['smoke', 'stress', 'breakpoint']);

export interface Consumers {
  journeyModule: string;
  journeyOptions: Record<string, unknown>;
  /** One line for people: what the consumers do. */
  describe: string;
}

export interface ConsumersInput {
  profile: string;
  plan: ProfilePlan;
  targets: Targets;
  baseUrl: string;
  applicantsFile: string;
  ledgerDir: string;
  /** A user's own journey module (`run --journeys FILE`, checked by ownJourneys.ts): it replaces the profile's consumers. */
  journeysFile?: string;
}

export function consumersFor(input: ConsumersInput): Consumers {
  const { profile, plan, targets } = input;
  const common = {
    baseUrl: input.baseUrl,
    applicantsFile: input.applicantsFile,
    thinkTimeSeconds: plan.thinkTimeSeconds,
    maxQueueSeconds: targets.slo.waitingRoomWaitSeconds,
    ledgerDir: input.ledgerDir,
  };
  // Own journeys get the options every consumer module reads (ConsumerOptions, docs/journeys.md), nothing profile-specific.
  if (input.journeysFile) return { journeyModule: input.journeysFile, journeyOptions: common, describe: `your journeys (${input.journeysFile})` };
  if (profile === 'security') {
    const rateLimit = plan.exchange?.rateLimitPerMinute;
    return {
      journeyModule: moduleFile('security'),
      journeyOptions: { ...common, ...(rateLimit ? { rateLimitPerMinute: rateLimit } : {}) },
      describe: 'journey 0 probes every class; the others enroll as background',
    };
  }
  if (ENROLLING.has(profile))
    return { journeyModule: moduleFile('marketplace'), journeyOptions: { ...common, mode: 'enroll' }, describe: 'every consumer enrolls' };
  const journeyMix: JourneyMix | undefined = plan.journeyMix;
  if (profile === 'concurrency')
    return {
      journeyModule: moduleFile('concurrency'),
      journeyOptions: { ...common, journeyMix },
      describe: "users in think time making the funnel's journeys",
    };
  return {
    journeyModule: moduleFile('marketplace'),
    journeyOptions: { ...common, mode: 'funnel', journeyMix },
    describe: "consumers following the targets' funnel",
  };
}
