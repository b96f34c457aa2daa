// Stress: steps of VUs with no think time, each held long enough to read throughput and latency per step.
// `harness capacity --run` fits the Universal Scalability Law to the steps.

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { enrollNext } from './lib/enrollNext.ts';

export const options = enrollmentOptions('stress');
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default enrollNext;
