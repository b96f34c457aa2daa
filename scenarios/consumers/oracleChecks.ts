// Compares what the exchange answered with what the applicant knows a correct exchange must answer.

import { ageOn, planYearStartOf } from '../../domain/ageCurve.ts';
import type { ExpectedAnswers, Household } from '../../domain/household.ts';
import type { BrowsedPlan, Confirmation, EligibilityAnswer } from './answers.ts';

const sameMoney = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) < 0.005);

const sameFlags = (a: readonly boolean[] | undefined, b: readonly boolean[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/** The names of the fields that differ; empty when the answer is right. */
export function eligibilityMismatches(answer: EligibilityAnswer, expected: ExpectedAnswers): string[] {
  const wrong: string[] = [];
  if (!sameMoney(answer.fplPercent, expected.fplPercent)) wrong.push('fplPercent');
  if (answer.result !== expected.result) wrong.push('result');
  if (!sameFlags(answer.medicaidMembers, expected.medicaidMembers)) wrong.push('medicaidMembers');
  if (!sameMoney(answer.applicablePercent, expected.applicablePercent)) wrong.push('applicablePercent');
  if (!sameMoney(answer.benchmarkPremium, expected.benchmarkPremium)) wrong.push('benchmarkPremium');
  return wrong;
}

export function confirmationMismatches(answer: Confirmation, expected: ExpectedAnswers): string[] {
  const wrong: string[] = [];
  if (answer.planId !== expected.planIdWithVariant) wrong.push('planId');
  if (!sameMoney(answer.premium, expected.planPremium)) wrong.push('premium');
  if (!sameMoney(answer.aptc, expected.aptc)) wrong.push('aptc');
  if (!sameMoney(answer.owed, expected.netPremium)) wrong.push('owed');
  return wrong;
}

/**
 * Anonymous browsing: the household's plan must be offered at its ZIP, and its premium before subsidy must equal the
 * oracle's where browsing rates people as the oracle does (browsing knows ages only: no tobacco surcharge, anyone
 * under 21 counts as a child, and everyone is priced, Medicaid/CHIP eligibility unknown), so households with a tobacco
 * user, an adult under 21 or a member Medicaid/CHIP covers check the offer alone.
 */
export function browseMismatches(plans: readonly BrowsedPlan[], household: Household): string[] {
  const offered = plans.find((p) => p.planId === household.plan.id);
  if (!offered) return ['planOffered'];
  const ratedAlike =
    household.expected.medicaidMembers.every((covered) => !covered) &&
    household.members.every((m) => !m.tobacco && (m.relationship === 'child' || !isUnder21(m.dob, household.expected.planYear)));
  return ratedAlike && !sameMoney(offered.premium, household.expected.planPremium) ? ['premium'] : [];
}

function isUnder21(dob: string, planYear: number): boolean {
  return ageOn(dob, planYearStartOf(planYear)) < 21;
}
