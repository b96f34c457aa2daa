// The pace users in think time should keep, two ways. Little's law (N = X · (R + Z)) gives the steady state. A test
// that ramps its users in from nothing is not in the steady state for a while: the think pauses (Z × 0.5–1.5) are
// regular enough that the ramp's first wave of requests echoes for minutes. So the rate an ideal generator (never
// late) makes in the measured window is also worked out, by a seeded simulation of the same ramp and journeys.
// Both pace users as the concurrency scenario paces its VUs: a random share of one think time before the first
// journey, one think time before each later one, and a think after each stretch of a journey's requests but the last.

import { seededRandom } from '../analysis/bootstrap.ts';
import { throughputOf } from '../domain/capacity/littlesLaw.ts';
import { JOURNEY_KINDS, JOURNEY_SHAPES, mixShape, THINK_SPREAD, type JourneyKind, type JourneyMix } from '../vocabulary/journeys.ts';

/** Requests a second `users` make in the steady state: a journey's requests, its pauses and one think time before it. */
export function littlesLawRequestRate(users: number, thinkSeconds: number, responseSeconds: number, mix: JourneyMix): number {
  const { meanRequests, meanThinkPauses } = mixShape(mix);
  const journeys = throughputOf({ users, responseSeconds: meanRequests * responseSeconds, thinkSeconds: (meanThinkPauses + 1) * thinkSeconds });
  return journeys * meanRequests;
}

export interface PaceWindow {
  users: number;
  /** Users start evenly over the ramp. */
  rampSeconds: number;
  /** The window measured, seconds from the start: [from, to). */
  fromSeconds: number;
  toSeconds: number;
  thinkSeconds: number;
  responseSeconds: number;
  mix: JourneyMix;
}

/** Users simulated at most; a larger test's figure is theirs scaled up. */
const SIMULATED_USERS = 20_000;

/** Requests a second an ideal generator makes in the window: journeys drawn from the mix, pauses from THINK_SPREAD. */
export function idealRequestRate(window: PaceWindow, seed = 1): number {
  const { users, rampSeconds, fromSeconds, toSeconds, thinkSeconds, responseSeconds, mix } = window;
  const random = seededRandom(seed);
  const total = JOURNEY_KINDS.reduce((sum, kind) => sum + mix[kind], 0);
  const pick = (): JourneyKind => {
    let point = random() * total;
    for (const kind of JOURNEY_KINDS) if ((point -= mix[kind]) < 0) return kind;
    return JOURNEY_KINDS.findLast((kind) => mix[kind] > 0)!;
  };
  const simulated = Math.min(users, SIMULATED_USERS);
  let requests = 0;
  for (let s = 0; s < simulated; s++) {
    let t = ((s + random()) / simulated) * rampSeconds + random() * thinkSeconds;
    for (let first = true; t < toSeconds; first = false) {
      if (!first) t += thinkSeconds;
      const stretches = JOURNEY_SHAPES[pick()].requestsBetweenPauses;
      for (let stretch = 0; stretch < stretches.length && t < toSeconds; stretch++) {
        if (stretch > 0) t += thinkSeconds * (THINK_SPREAD.min + random() * (THINK_SPREAD.max - THINK_SPREAD.min));
        for (let r = 0; r < stretches[stretch]!; r++, t += responseSeconds) if (t >= fromSeconds && t < toSeconds) requests++;
      }
    }
  }
  return ((requests / simulated) * users) / (toSeconds - fromSeconds);
}
