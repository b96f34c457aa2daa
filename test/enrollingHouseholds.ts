// Generated households for tests that enroll them: those the exchange must refer to Medicaid/CHIP end their journey
// at eligibility and never enroll, so a test that expects every household to enroll takes only the others.

import { generateHouseholds } from '../applicants/generate.ts';
import type { Household } from '../domain/household.ts';

/** The first `count` households of `seed` (plan year 2026) that may enroll. */
export function households(count: number, seed: number): Household[] {
  const enrolling: Household[] = [];
  for (const h of generateHouseholds({ count: count * 4, seed, planYear: 2026 })) {
    if (h.expected.result !== 'medicaid') enrolling.push(h);
    if (enrolling.length === count) return enrolling;
  }
  throw new Error(`seed ${seed}: fewer than ${count} of ${count * 4} households may enroll`);
}

/** The first `count` households of `seed` (plan year 2026) the exchange must refer to Medicaid/CHIP. */
export function referredHouseholds(count: number, seed: number): Household[] {
  const referred: Household[] = [];
  for (const h of generateHouseholds({ count: count * 50, seed, planYear: 2026 })) {
    if (h.expected.result === 'medicaid') referred.push(h);
    if (referred.length === count) return referred;
  }
  throw new Error(`seed ${seed}: fewer than ${count} of ${count * 50} households are referred to Medicaid/CHIP`);
}
