// Compares what the exchange answered with what the applicant knows a correct exchange must answer.

import type { ExpectedAnswers } from '../../domain/household.ts';
import type { Confirmation, EligibilityAnswer } from './exchangeClient.ts';

const sameMoney = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) < 0.005);

/** The names of the fields that differ; empty when the answer is right. */
export function eligibilityMismatches(answer: EligibilityAnswer, expected: ExpectedAnswers): string[] {
  const wrong: string[] = [];
  if (!sameMoney(answer.fplPercent, expected.fplPercent)) wrong.push('fplPercent');
  if (answer.medicaidRange !== expected.medicaidRange) wrong.push('medicaidRange');
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
