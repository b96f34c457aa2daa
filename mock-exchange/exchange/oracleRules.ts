// The exchange's rules are the marketplace rules of domain/oracle.ts: a correct exchange by construction.
// Deliberate wrongness comes only from the fault switches (frontFaults.ts), so the oracle can catch it.

import { findCountyByZip, issuerById, planById, plansInRatingArea } from '../../domain/catalog.ts';
import type { PlanYear } from '../../domain/household.ts';
import { determine, determineEligibility, pricePlan, type HouseholdFacts } from '../../domain/oracle.ts';
import type { RatedMember } from '../../domain/rating.ts';
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

/** Members of the given ages on the plan year's first day: the first is the subscriber, younger than 21 a child. */
function membersOfAges(ages: readonly number[], planYear: PlanYear): RatedMember[] {
  return ages.map((age, i) => ({ dob: `${planYear - age}-01-01`, tobacco: false, relationship: i === 0 ? 'self' : age < 21 ? 'child' : 'spouse' }));
}

export const oracleRules: ExchangeRules = {
  browse(zip, countyFips, ages, planYear) {
    const county = findCountyByZip(zip);
    if (!county) throw new RangeError(`zip ${zip}: not a ZIP code this exchange serves (harness plans lists them)`);
    if (countyFips !== undefined && countyFips !== county.fips) throw new RangeError(`zip ${zip} is in county ${county.fips}, not ${countyFips}`);
    const members = membersOfAges(ages, planYear);
    const plans = plansInRatingArea(county.ratingArea).map((plan) => {
      const price = pricePlan(plan.id, county.ratingArea, members, planYear);
      return {
        planId: plan.id,
        issuerId: plan.issuerId,
        issuerName: issuerById(plan.issuerId).name,
        metal: plan.metal,
        premium: price.total,
        memberPremiums: price.memberPremiums,
      };
    });
    return { state: county.state, countyFips: county.fips, ratingArea: county.ratingArea, plans };
  },
  eligibility: (household: HouseholdInput, planYear: PlanYear) => determineEligibility(household, planYear),
  plans(household, planYear) {
    const { ratingArea, result } = determineEligibility(household, planYear);
    // A household referred to Medicaid/CHIP is sold no plan.
    if (result === 'medicaid') return [];
    return plansInRatingArea(ratingArea).map((plan) => quoteOf(household, plan.id, planYear));
  },
  quote(household, planYear, planId14) {
    const { ratingArea } = determineEligibility(household, planYear);
    const sold = plansInRatingArea(ratingArea).some((plan) => plan.id === planId14);
    return sold ? quoteOf(household, planId14, planYear) : undefined;
  },
};
