// Who in a household Medicaid or CHIP covers instead of the marketplace: no premium tax credit and no cost-sharing
// reduction for them (26 USC 36B(c)(2)(B); 45 CFR 155.305(f), (g)). Each state's rules are in catalogData.ts.
// Age is taken on the plan year's first day, as for rating (ageCurve.ts).

import { ageOn, planYearStartOf } from './ageCurve.ts';
import { EXPANSION_ADULT_LIMIT_PERCENT, MEDICAID_CHILD_UNDER_AGE, type MedicaidRules } from './catalogData.ts';
import { isAtMostPercent, type FplRatio } from './povertyGuideline.ts';

/** Medicaid's adult expansion group is 19 to 64; at 65 Medicare takes over. */
const EXPANSION_ADULT_MAX_AGE = 64;

/** Whether a member of this age is Medicaid/CHIP-eligible at this income in a state with these rules. */
export function isMedicaidEligible(rules: MedicaidRules, ratio: FplRatio, age: number): boolean {
  if (age < MEDICAID_CHILD_UNDER_AGE) return isAtMostPercent(ratio, rules.childLimitPercent);
  return rules.expansion && age <= EXPANSION_ADULT_MAX_AGE && isAtMostPercent(ratio, EXPANSION_ADULT_LIMIT_PERCENT);
}

/** Per member, in order: true where Medicaid or CHIP covers that member. */
export function medicaidMembers(rules: MedicaidRules, ratio: FplRatio, members: readonly { dob: string }[], planYear: number): boolean[] {
  const on = planYearStartOf(planYear);
  return members.map((m) => isMedicaidEligible(rules, ratio, ageOn(m.dob, on)));
}
