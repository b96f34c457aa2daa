// Smoke: a few VUs take every applicant once through the enrollment journey. Proves the whole path works.

import { enrollmentOptions } from './lib/enrollmentProfile.ts';
import { enrollNext } from './lib/enrollNext.ts';

export const options = enrollmentOptions('smoke');
export { handleSummary, setup } from './lib/enrollmentProfile.ts';
export default enrollNext;
