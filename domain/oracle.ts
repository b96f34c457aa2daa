// The eligibility oracle: what a correct exchange must answer for a household — % FPL, applicable percentage,
// benchmark (second-lowest-cost silver) premium, the chosen plan's premium, APTC, what is owed, and the plan variant sold.
// Pure; money in integer cents inside, dollars with two decimals out.

import { applicablePercentage } from './applicablePercentage.ts';
import { plansInRatingArea, planById, ratingAreaFor } from './catalog.ts';
import type { CsrVariant, ExpectedAnswers, PlanYear } from './household.ts';
import { roundCents, toDollars, type Cents } from './money.ts';
import { fplPercentOf } from './povertyGuideline.ts';
import { memberPremiumsCents, type RatedMember } from './rating.ts';

export interface HouseholdFacts {
  state: string;
  countyFips: string;
  householdIncome: number;
  members: readonly RatedMember[];
}

export interface Eligibility {
  ratingArea: string;
  fplPercent: number;
  medicaidRange: boolean;
  applicablePercent: number | null;
  benchmarkPremium: number;
  /** The most credit any plan can get: benchmark − expected contribution, never below 0. */
  maxMonthlyCredit: number;
  /** The household's cost-sharing reduction: the variant a silver plan is sold with. */
  csrVariant: CsrVariant;
}

/** Silver CSR by income: 100–150 % → 94 % AV (-06), 150–200 % → 87 % (-05), 200–250 % → 73 % (-04). */
export function csrVariantFor(fplPercent: number): CsrVariant {
  if (fplPercent < 100 || fplPercent > 250) return '01';
  if (fplPercent <= 150) return '06';
  if (fplPercent <= 200) return '05';
  return '04';
}

const sum = (values: Cents[]): Cents => values.reduce((a, b) => a + b, 0);

function benchmarkCents(ratingArea: string, members: readonly RatedMember[], planYear: PlanYear): Cents {
  const silver = plansInRatingArea(ratingArea)
    .filter((p) => p.metal === 'silver')
    .map((p) => sum(memberPremiumsCents(p.id, ratingArea, members, planYear, false)))
    .sort((a, b) => a - b);
  // The second-lowest-cost silver plan; with a single silver plan, that one.
  return silver[1] ?? silver[0]!;
}

function eligibilityCents(facts: HouseholdFacts, planYear: PlanYear) {
  const ratingArea = ratingAreaFor(facts.state, facts.countyFips);
  const fplPercent = fplPercentOf(planYear, facts.state, facts.members.length, facts.householdIncome);
  const medicaidRange = fplPercent < 100;
  const applicablePercent = medicaidRange ? null : applicablePercentage(planYear, fplPercent);
  const benchmark = benchmarkCents(ratingArea, facts.members, planYear);
  // Expected contribution: applicable % of annual income, a month of it, in cents, rounded half up.
  const contribution = applicablePercent === null ? null : roundCents((facts.householdIncome * applicablePercent) / 12);
  const maxCredit = contribution === null ? 0 : Math.max(0, benchmark - contribution);
  return { ratingArea, fplPercent, medicaidRange, applicablePercent, benchmark, maxCredit, csrVariant: csrVariantFor(fplPercent) };
}

export function determineEligibility(facts: HouseholdFacts, planYear: PlanYear): Eligibility {
  const e = eligibilityCents(facts, planYear);
  return {
    ratingArea: e.ratingArea,
    fplPercent: e.fplPercent,
    medicaidRange: e.medicaidRange,
    applicablePercent: e.applicablePercent,
    benchmarkPremium: toDollars(e.benchmark),
    maxMonthlyCredit: toDollars(e.maxCredit),
    csrVariant: e.csrVariant,
  };
}

export function pricePlan(planId14: string, ratingArea: string, members: readonly RatedMember[], planYear: PlanYear): { memberPremiums: number[]; total: number } {
  const cents = memberPremiumsCents(planId14, ratingArea, members, planYear);
  return { memberPremiums: cents.map(toDollars), total: toDollars(sum(cents)) };
}

/** Everything a correct exchange answers for this household buying this plan (14-char id). */
export function determine(facts: HouseholdFacts, planId14: string, planYear: PlanYear): ExpectedAnswers {
  const e = eligibilityCents(facts, planYear);
  const plan = planById(planId14);
  const memberCents = memberPremiumsCents(planId14, e.ratingArea, facts.members, planYear);
  const premium = sum(memberCents);
  const aptc = Math.min(premium, e.maxCredit);
  const csrVariant: CsrVariant = plan.metal === 'silver' ? e.csrVariant : '01';
  return {
    planYear,
    fplPercent: e.fplPercent,
    medicaidRange: e.medicaidRange,
    applicablePercent: e.applicablePercent,
    benchmarkPremium: toDollars(e.benchmark),
    planPremium: toDollars(premium),
    aptc: toDollars(aptc),
    netPremium: toDollars(premium - aptc),
    csrVariant,
    planIdWithVariant: `${planId14}-${csrVariant}`,
    memberPremiums: memberCents.map(toDollars),
  };
}
