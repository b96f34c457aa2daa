// The requests a concurrency-profile VU makes in its first `holdSeconds` at the targets' pace (scenarios/concurrency.ts):
// it waits a uniform share of one think time, then makes the funnel's journeys, each stretch of requests followed by a
// think pause, and one think time between journeys. A returning consumer with no enrollment made earlier on the same
// VU browses instead, as the scenario does. Estimated by a seeded simulation of the same distributions, responses
// taken as instant.

import { seededRandom } from '../analysis/bootstrap.ts';
import { JOURNEY_KINDS, JOURNEY_SHAPES, THINK_SPREAD, type JourneyKind, type JourneyMix } from '../vocabulary/journeys.ts';

const SAMPLES = 20_000;

export function expectedRequestsPerVu(holdSeconds: number, thinkSeconds: number, mix: JourneyMix, seed = 1): number {
  const random = seededRandom(seed);
  const pause = () => thinkSeconds * (THINK_SPREAD.min + random() * (THINK_SPREAD.max - THINK_SPREAD.min));
  const pick = (): JourneyKind => {
    let point = random();
    for (const kind of JOURNEY_KINDS) if ((point -= mix[kind]) < 0) return kind;
    return 'enroll';
  };
  let total = 0;
  for (let s = 0; s < SAMPLES; s++) {
    let t = random() * thinkSeconds;
    let enrolled = 0;
    while (t < holdSeconds) {
      let kind = pick();
      if (kind === 'returning') kind = enrolled > 0 ? (enrolled--, 'returning') : 'browse';
      if (kind === 'enroll') enrolled++;
      const stretches = JOURNEY_SHAPES[kind].requestsBetweenPauses;
      for (let stretch = 0; stretch < stretches.length && t < holdSeconds; stretch++) {
        total += stretches[stretch]!;
        // A think pause after every stretch; after a journey's last, the VU thinks one think time before the next.
        t += stretch < stretches.length - 1 ? pause() : thinkSeconds;
      }
    }
  }
  return total / SAMPLES;
}
