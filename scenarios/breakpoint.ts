// Breakpoint: arrivals ramp up until an SLO threshold is crossed, which aborts the test (abortOnFail, from the plan).

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { enrollNext } from './lib/enrollNext.ts';

export const options = enrollmentOptions('breakpoint');
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default enrollNext;
