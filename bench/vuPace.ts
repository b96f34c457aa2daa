// The requests a concurrency-profile VU makes in its first `holdSeconds` at the targets' pace (scenarios/concurrency.ts):
// it waits a uniform share of one think time, then makes enrollment journeys, each stretch of requests followed by a
// think pause, and one think time between journeys. Estimated by a seeded simulation of the same distributions, responses taken as instant.

import { seededRandom } from '../analysis/bootstrap.ts';
import { ENROLLMENT_JOURNEY } from '../scenarios/lib/journeyShape.ts';

const SAMPLES = 20_000;

export function expectedRequestsPerVu(holdSeconds: number, thinkSeconds: number, seed = 1): number {
  const random = seededRandom(seed);
  const { requestsBetweenPauses, thinkSpread } = ENROLLMENT_JOURNEY;
  const pause = () => thinkSeconds * (thinkSpread.min + random() * (thinkSpread.max - thinkSpread.min));
  let total = 0;
  for (let s = 0; s < SAMPLES; s++) {
    let t = random() * thinkSeconds;
    for (let stretch = 0; t < holdSeconds; stretch = (stretch + 1) % requestsBetweenPauses.length) {
      total += requestsBetweenPauses[stretch]!;
      // A think pause after every stretch; after a journey's last, the VU thinks one think time before the next.
      t += stretch < requestsBetweenPauses.length - 1 ? pause() : thinkSeconds;
    }
  }
  return total / SAMPLES;
}
