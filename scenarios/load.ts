// Load: consumers arrive at the rate that keeps the target's concurrent users on the site (Little's law), an open
// model ramped up then held; iterations k6 drops for want of a VU are gated.

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { nextConsumer } from './lib/nextConsumer.ts';

export const options = enrollmentOptions('load');
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default nextConsumer;
