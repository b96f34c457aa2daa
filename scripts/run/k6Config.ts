// The run configuration k6 reads (HARNESS_CONFIG; its shape is scenarios/lib/config.ts): built in one place for a
// local run, each instance of a split run, and a k6-operator TestRun.

import type { ScenarioConfig } from '../../scenarios/lib/config.ts';
import { ENROLL_ONLY } from '../../scenarios/lib/journeyShape.ts';
import type { Targets } from '../targets/schema.ts';
import type { ProfilePlan } from './profiles/index.ts';
import { sloThresholds } from './profiles/thresholds.ts';

export interface K6ConfigInput {
  profile: string;
  plan: ProfilePlan;
  targets: Targets;
  baseUrl: string;
  applicantsFile: string;
  summaryFile: string;
}

/** The config's JSON, as scenarios/lib/config.ts's ScenarioConfig reads it. */
export function k6Config(input: K6ConfigInput): Omit<ScenarioConfig, 'scenario'> & { scenario: object } {
  const { plan, targets } = input;
  return {
    profile: input.profile,
    baseUrl: input.baseUrl,
    applicantsFile: input.applicantsFile,
    summaryFile: input.summaryFile,
    scenario: plan.scenario,
    thinkTimeSeconds: plan.thinkTimeSeconds,
    journeyMix: plan.journeyMix ?? ENROLL_ONLY,
    maxQueueSeconds: targets.slo.waitingRoomWaitSeconds,
    thresholds: { ...sloThresholds(targets), ...plan.thresholds },
    ...(plan.exchange ? { exchange: plan.exchange } : {}),
  };
}
