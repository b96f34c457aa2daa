// The exchange's rules are the marketplace rules of domain/oracle.ts: a correct exchange by construction.
// Deliberate wrongness comes only from the fault switches (frontFaults.ts), so the oracle can catch it.

import { planById, plansInRatingArea } from '../../domain/catalog.ts';
import type { PlanYear } from '../../domain/household.ts';
import { determine, determineEligibility, type HouseholdFacts } from '../../domain/oracle.ts';
import type { ExchangeRules, PlanQuote } from './rules.ts';
import type { HouseholdInput } from './schemas.ts';

function quoteOf(household: HouseholdFacts, planId14: string, planYear: PlanYear): PlanQuote {
  const answer = determine(household, planId14, planYear);
  const plan = planById(planId14);
  return {
    planId: answer.planIdWithVariant,
    issuerId: plan.issuerId,
    metal: plan.metal,
    premium: answer.planPremium,
    aptc: answer.aptc,
    netPremium: answer.netPremium,
    memberPremiums: answer.memberPremiums,
  };
}

export const oracleRules: ExchangeRules = {
  eligibility: (household: HouseholdInput, planYear: PlanYear) => determineEligibility(household, planYear),
  plans(household, planYear) {
    const { ratingArea } = determineEligibility(household, planYear);
    return plansInRatingArea(ratingArea).map((plan) => quoteOf(household, plan.id, planYear));
  },
  quote(household, planYear, planId14) {
    const { ratingArea } = determineEligibility(household, planYear);
    const sold = plansInRatingArea(ratingArea).some((plan) => plan.id === planId14);
    return sold ? quoteOf(household, planId14, planYear) : undefined;
  },
};
