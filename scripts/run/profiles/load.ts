// load: the target concurrency as consumers arriving at the rate that keeps that many on the site (Little's law,
// λ = N / (R + Z)), ramped up then held. An open model: a slow exchange does not slow the arrivals.

import { consumersFor, describeThink, journeysPerSecond } from './journeyPace.ts';
import { openModelPlan } from './openModel.ts';
import type { Profile } from './profile.ts';

/** 15 minutes: a third ramping up, two thirds held (each far longer than a 2-minute journey). */
const DEFAULT_SECONDS = 900;
const RAMP_SHARE = 1 / 3;

export const load: Profile = {
  name: 'load',
  description: "the target concurrency as an arrival rate by Little's law (open model), ramped up then held",
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users } = consumersFor(input, DEFAULT_SECONDS, input.targets.funnel);
    const rate = journeysPerSecond(users, pace);
    const ramp = Math.max(1, Math.round(seconds * RAMP_SHARE));
    return openModelPlan({
      profile: 'load',
      targets,
      pace,
      startRate: 0,
      stages: [
        { seconds: ramp, target: rate },
        { seconds: seconds - ramp, target: rate },
      ],
      describe: `${users.toLocaleString('en-US')} concurrent users → ${rate.toFixed(2)} journeys/s (${describeThink(pace, targets)}), ramp ${ramp} s, hold ${seconds - ramp} s`,
    });
  },
};
