// The concurrency profile's users: each holds its place in think time for the whole run, making the funnel's
// journeys at the targets' pace. A user first waits a random share of one think time, so N users do not all arrive
// at once, and thinks again before each later journey, so a journey that fails early never loops without pause.

import type { Journey } from '../../engine/runtime.ts';
import type { Segment } from '../../engine/schedule.ts';
import { createJourney as marketplaceJourney } from './marketplace.ts';
import { optionsObject } from './options.ts';

export async function createJourney(raw: unknown, segment: Segment): Promise<Journey> {
  const options = optionsObject('concurrency', raw);
  const journey = await marketplaceJourney({ ...options, mode: 'funnel' }, segment);
  const think = typeof options.thinkTimeSeconds === 'number' ? options.thinkTimeSeconds : 0;
  const started = new Set<number>();
  return async (context) => {
    const first = !started.has(context.user);
    started.add(context.user);
    await context.sleep(first ? Math.random() * think : think);
    await journey(context);
  };
}
