// Spike: an open-enrollment surge — arrivals jump to five times the target's rate within a minute, hold, fall back.

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { nextConsumer } from './lib/nextConsumer.ts';

export const options = enrollmentOptions('spike');
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default nextConsumer;
