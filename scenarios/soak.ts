// Soak: the target's arrival rate held for hours. Memory-friendly: response bodies are dropped unless the journey
// reads them, and the end-of-test summary keeps only the statistics the verdict reads.

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { nextConsumer } from './lib/nextConsumer.ts';

export const options = enrollmentOptions('soak', {
  discardResponseBodies: true,
  summaryTrendStats: ['avg', 'p(95)', 'p(99)', 'max'],
});
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default nextConsumer;
