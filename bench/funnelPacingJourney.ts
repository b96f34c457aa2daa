// The engine-vus benchmark's journey module: the funnel's journeys (vocabulary/journeys.ts) reduced to their
// pacing, every request to one stub URL, so the engine is what is measured. Paced as the concurrency scenario paces
// its VUs: a random share of one think time before a user's first journey, one think time before each later one,
// and a think of the think time × THINK_SPREAD between a journey's stretches of requests. Every answer is checked.

import { seededRandom } from '../analysis/bootstrap.ts';
import type { Journey } from '../engine/runtime.ts';
import type { Segment } from '../engine/schedule.ts';
import { JOURNEY_SHAPES, journeyFor, THINK_SPREAD, type JourneyMix } from '../vocabulary/journeys.ts';

export interface FunnelPacingOptions {
  /** The stub: every request is a GET of `${url}/${journey}`. */
  url: string;
  thinkSeconds: number;
  mix: JourneyMix;
  /** The test's users at most: user numbers run 0 … users − 1. */
  users: number;
  seed: number;
}

export function createJourney(options: unknown, segment: Segment): Journey {
  const { url, thinkSeconds, mix, users, seed } = options as FunnelPacingOptions;
  const random = seededRandom(seed * 1_000_003 + segment.index);
  const spread = (): number => thinkSeconds * (THINK_SPREAD.min + random() * (THINK_SPREAD.max - THINK_SPREAD.min));
  // Which users have started (a byte each: 250 KB for 250,000 users), so only a user's first journey waits a share.
  const started = new Uint8Array(users);
  const base = url.replace(/\/$/, '');
  return async (context) => {
    const first = started[context.user] === 0;
    started[context.user] = 1;
    await context.sleep(first ? random() * thinkSeconds : thinkSeconds);
    const kind = journeyFor(context.iteration, mix);
    const target = `${base}/${kind}`;
    const request = { name: `GET /${kind}`, keepBody: false };
    const stretches = JOURNEY_SHAPES[kind].requestsBetweenPauses;
    for (let stretch = 0; stretch < stretches.length; stretch++) {
      if (stretch > 0) await context.sleep(spread());
      for (let r = 0; r < stretches[stretch]!; r++) {
        const response = await context.request('GET', target, request);
        // A failed page ends the journey, as in the scenario; the next one still waits its think time.
        if (!context.check('stub answered 200', response.status === 200)) return;
      }
    }
  };
}
