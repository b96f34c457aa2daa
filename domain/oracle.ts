// The eligibility oracle: what a correct exchange must answer for a household — % FPL, who Medicaid/CHIP covers,
// applicable percentage, benchmark (second-lowest-cost silver) premium for the members who enroll, the chosen plan's
// premium, APTC, what is owed, and the plan variant sold. Pure; money in integer cents inside, dollars out.

import { applicablePercentage } from './applicablePercentage.ts';
import { baseRateCents, medicaidRulesOf, plansInRatingArea, planById, ratingAreaFor } from './catalog.ts';
import type { CsrVariant, EligibilityResult, ExpectedAnswers, PlanYear } from './household.ts';
import { medicaidMembers } from './medicaid.ts';
import { divideRoundHalfUp, toDollars, type Cents } from './money.ts';
import { comparePercent, displayPercent, fplRatioOf, type FplRatio } from './povertyGuideline.ts';
import { memberPremiumsCents, memberRating, premiumsAtBase, type RatedMember } from './rating.ts';

export interface HouseholdFacts {
  state: string;
  countyFips: string;
  householdIncome: number;
  members: readonly RatedMember[];
}

export interface Eligibility {
  ratingArea: string;
  /** % FPL truncated to 0.01 (for people: the bands were chosen on the exact ratio). */
  fplPercent: number;
  result: EligibilityResult;
  /** Per member, in application order: Medicaid/CHIP covers this member (not enrolled, no credit, no CSR). */
  medicaidMembers: boolean[];
  applicablePercent: number | null;
  /** Second-lowest-cost silver for the members who would enroll; 0 when nobody would. */
  benchmarkPremium: number;
  /** The most credit any plan can get: benchmark − expected contribution, never below 0. */
  maxMonthlyCredit: number;
  /** The household's cost-sharing reduction: the variant a silver plan is sold with. */
  csrVariant: CsrVariant;
}

/**
 * Silver CSR by income (45 CFR 155.305(g)(2)), only for those eligible for the credit: at least 100 % and not more
 * than 150 % → 94 % AV (-06); above 150 % to 200 % → 87 % (-05); above 200 % to 250 % → 73 % (-04).
 */
export function csrVariantFor(ratio: FplRatio, creditEligible = true): CsrVariant {
  if (!creditEligible || comparePercent(ratio, 100) < 0 || comparePercent(ratio, 250) > 0) return '01';
  if (comparePercent(ratio, 150) <= 0) return '06';
  if (comparePercent(ratio, 200) <= 0) return '05';
  return '04';
}

const sum = (values: Cents[]): Cents => values.reduce((a, b) => a + b, 0);

/**
 * Expected monthly contribution: applicable % of annual income, a month of it, in cents, rounded half up once and
 * exactly: income cents × (percent in hundredths) / (100 × 100 × 12).
 */
export const monthlyContributionCents = (incomeCents: Cents, applicablePercent: number): Cents =>
  divideRoundHalfUp(incomeCents * Math.round(applicablePercent * 100), 120_000);

/**
 * The month's credit (26 CFR 1.36B-3(d)): the lesser of the enrolled plan's premium (any tobacco surcharge included)
 * and the benchmark premium less the contribution, never below zero.
 */
export const monthlyCreditCents = (planPremium: Cents, benchmark: Cents, contribution: Cents): Cents =>
  Math.min(planPremium, Math.max(0, benchmark - contribution));

/** The age-21 base rates (cents) of the silver plans sold in a rating area, by plan year and area: pure, so kept. */
const silverBases = new Map<string, Cents[]>();

function silverBaseRatesCents(ratingArea: string, planYear: PlanYear): Cents[] {
  const key = `${planYear}\u0000${ratingArea}`;
  let bases = silverBases.get(key);
  if (!bases) {
    bases = plansInRatingArea(ratingArea)
      .filter((p) => p.metal === 'silver')
      .map((p) => baseRateCents(p.id, ratingArea, planYear));
    silverBases.set(key, bases);
  }
  return bases;
}

function benchmarkCents(ratingArea: string, members: readonly RatedMember[], planYear: PlanYear): Cents {
  if (members.length === 0) return 0;
  const rating = memberRating(members, planYear, false);
  const silver = silverBaseRatesCents(ratingArea, planYear)
    .map((base) => sum(premiumsAtBase(base, rating)))
    .sort((a, b) => a - b);
  // The second-lowest-cost silver plan; with a single silver plan, that one.
  return silver[1] ?? silver[0]!;
}

function eligibilityCents(facts: HouseholdFacts, planYear: PlanYear) {
  const ratingArea = ratingAreaFor(facts.state, facts.countyFips);
  // Household size counts everyone, Medicaid-covered members included (26 CFR 1.36B-1(d)).
  const ratio = fplRatioOf(planYear, facts.state, facts.members.length, facts.householdIncome);
  const medicaid = medicaidMembers(medicaidRulesOf(facts.state), ratio, facts.members, planYear);
  const subscriberIndex = Math.max(
    0,
    facts.members.findIndex((m) => m.relationship === 'self'),
  );
  const referred = facts.members.length === 0 || medicaid[subscriberIndex] === true;
  // The coverage family: members who enroll, i.e. are not eligible for Medicaid/CHIP (26 CFR 1.36B-3(b)(2), (c)(1)(iii)).
  const enrolling = referred ? [] : facts.members.filter((_, i) => !medicaid[i]);
  const applicablePercent = referred ? null : applicablePercentage(planYear, ratio);
  const benchmark = benchmarkCents(ratingArea, enrolling, planYear);
  const contribution = applicablePercent === null ? null : monthlyContributionCents(ratio.incomeCents, applicablePercent);
  const maxCredit = contribution === null ? 0 : monthlyCreditCents(Number.POSITIVE_INFINITY, benchmark, contribution);
  const result: EligibilityResult = referred ? 'medicaid' : applicablePercent === null ? 'no_aptc' : 'aptc';
  const csrVariant = csrVariantFor(ratio, applicablePercent !== null);
  return { ratingArea, fplPercent: displayPercent(ratio), result, medicaid, applicablePercent, benchmark, maxCredit, csrVariant };
}

export function determineEligibility(facts: HouseholdFacts, planYear: PlanYear): Eligibility {
  const e = eligibilityCents(facts, planYear);
  return {
    ratingArea: e.ratingArea,
    fplPercent: e.fplPercent,
    result: e.result,
    medicaidMembers: e.medicaid,
    applicablePercent: e.applicablePercent,
    benchmarkPremium: toDollars(e.benchmark),
    maxMonthlyCredit: toDollars(e.maxCredit),
    csrVariant: e.csrVariant,
  };
}

export function pricePlan(
  planId14: string,
  ratingArea: string,
  members: readonly RatedMember[],
  planYear: PlanYear,
): { memberPremiums: number[]; total: number } {
  const cents = memberPremiumsCents(planId14, ratingArea, members, planYear);
  return { memberPremiums: cents.map(toDollars), total: toDollars(sum(cents)) };
}

/** Each member's premium in the household's order, pricing only the enrolling members (0 for the others). */
function enrolledPremiumsCents(
  planId14: string,
  ratingArea: string,
  members: readonly RatedMember[],
  medicaid: readonly boolean[],
  planYear: PlanYear,
  referred: boolean,
): Cents[] {
  if (referred) return members.map(() => 0);
  const enrolling = members.filter((_, i) => !medicaid[i]);
  const priced = memberPremiumsCents(planId14, ratingArea, enrolling, planYear);
  let next = 0;
  return members.map((_, i) => (medicaid[i] ? 0 : priced[next++]!));
}

/** Everything a correct exchange answers for this household buying this plan (14-char id). */
export function determine(facts: HouseholdFacts, planId14: string, planYear: PlanYear): ExpectedAnswers {
  const e = eligibilityCents(facts, planYear);
  const plan = planById(planId14);
  const memberCents = enrolledPremiumsCents(planId14, e.ratingArea, facts.members, e.medicaid, planYear, e.result === 'medicaid');
  const premium = sum(memberCents);
  // 26 CFR 1.36B-3(d): the lesser of the enrolled plan's premium (a tobacco surcharge included) and benchmark − contribution.
  const aptc = monthlyCreditCents(premium, e.maxCredit, 0);
  const csrVariant: CsrVariant = plan.metal === 'silver' ? e.csrVariant : '01';
  return {
    planYear,
    fplPercent: e.fplPercent,
    result: e.result,
    medicaidMembers: e.medicaid,
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
