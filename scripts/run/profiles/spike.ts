// spike: an open-enrollment surge. Arrivals at the target's rate jump to five times it within a tenth of the run
// (one minute by default), hold, and fall back: October 1, 2013 brought about 5× the users the site was built for.

import { consumersFor, describeThink, journeysPerSecond } from './journeyPace.ts';
import { openModelPlan } from './openModel.ts';
import type { Profile } from './profile.ts';

/** Launch day's users against the design load (shared/domain.md §1: ~250,000 against 50,000). */
export const SPIKE_MULTIPLE = 5;
/** 10 minutes, so the surge (a tenth) takes one minute. */
const DEFAULT_SECONDS = 600;
/** Shares of the run: before, surge, at the peak, fall, after. */
const SHARES = { before: 0.3, surge: 0.1, peak: 0.3, fall: 0.1, after: 0.2 } as const;

export const spike: Profile = {
  name: 'spike',
  description: `an open-enrollment surge: arrivals jump to ${SPIKE_MULTIPLE}× the target's rate in a tenth of the run (1 minute by default), then fall back`,
  plan(input) {
    const { targets } = input;
    const { seconds, pace, users } = consumersFor(input, DEFAULT_SECONDS, input.targets.funnel);
    const base = journeysPerSecond(users, pace);
    const peak = SPIKE_MULTIPLE * base;
    const share = (s: number) => Math.max(1, Math.round(seconds * s));
    return openModelPlan({
      profile: 'spike',
      targets,
      pace,
      startRate: base,
      stages: [
        { seconds: share(SHARES.before), target: base },
        { seconds: share(SHARES.surge), target: peak },
        { seconds: share(SHARES.peak), target: peak },
        { seconds: share(SHARES.fall), target: base },
        { seconds: share(SHARES.after), target: base },
      ],
      describe: `${base.toFixed(2)} → ${peak.toFixed(2)} journeys/s in ${share(SHARES.surge)} s (${users.toLocaleString('en-US')} → ${(SPIKE_MULTIPLE * users).toLocaleString('en-US')} users, ${describeThink(pace, targets)})`,
    });
  },
};
