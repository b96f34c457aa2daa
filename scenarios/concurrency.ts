// Concurrency: N VUs held for the whole run, each a consumer in think time making the funnel's journeys at the
// targets' pace. Each VU first waits a random share of one think time, so the N consumers do not all arrive at once,
// and thinks again before each later journey, so a journey that fails early never makes a VU loop without pause.

import { sleep } from 'k6';
import exec from 'k6/execution';
import { config } from './lib/config.ts';
import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { nextConsumer } from './lib/nextConsumer.ts';

export const options = enrollmentOptions('concurrency', { discardResponseBodies: true });
export { handleSummary, setup } from './lib/enrollmentProfile.ts';

export default function (): void {
  sleep(exec.vu.iterationInScenario === 0 ? Math.random() * config.thinkTimeSeconds : config.thinkTimeSeconds);
  nextConsumer();
}
