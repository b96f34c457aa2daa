// Premium rating: base rate at age 21 × age factor × tobacco surcharge, per member, in cents.
// Family rating: at most the three oldest children under 21 are charged (45 CFR 147.102(c)(1)).
// The tobacco surcharge applies only to those who may legally use tobacco (45 CFR 147.102(a)(1)(iv)): 21 and over
// since the federal minimum age became 21 in December 2019 (domain.md §3).

import { ageFactor, ageOn, planYearStartOf } from './ageCurve.ts';
import { baseRateCents } from './catalog.ts';
import type { PlanYear, Relationship } from './household.ts';
import { roundCents, type Cents } from './money.ts';

/** Tobacco surcharge applied to tobacco users' premiums; the law allows up to 1.5. */
export const TOBACCO_FACTOR = 1.2;
export const MAX_RATED_CHILDREN = 3;
/** The federal minimum age for tobacco: no surcharge below it, whatever the application says. */
export const TOBACCO_MIN_AGE = 21;

export interface RatedMember {
  dob: string;
  tobacco: boolean;
  relationship: Relationship;
}

/** Which members are charged: everyone but the children under 21 beyond the three oldest. */
export function chargedMembers(members: readonly RatedMember[], planYear: number): boolean[] {
  const on = planYearStartOf(planYear);
  return chargedByAge(
    members,
    members.map((m) => ageOn(m.dob, on)),
  );
}

function chargedByAge(members: readonly RatedMember[], ages: readonly number[]): boolean[] {
  let youngChildCount = 0;
  for (let i = 0; i < members.length; i++) if (members[i]!.relationship === 'child' && ages[i]! < 21) youngChildCount++;
  if (youngChildCount <= MAX_RATED_CHILDREN) return members.map(() => true);
  const youngChildren = members
    .map((m, index) => ({ index, age: ages[index]!, child: m.relationship === 'child' }))
    .filter((m) => m.child && m.age < 21)
    .sort((a, b) => b.age - a.age || a.index - b.index);
  const free = new Set(youngChildren.slice(MAX_RATED_CHILDREN).map((m) => m.index));
  return members.map((_, index) => !free.has(index));
}

/**
 * What pricing needs of each member, whatever the plan: the age factor (0 for a member not charged) and the tobacco
 * surcharge. Worked out once per household, then applied to each plan's base rate (the benchmark prices every silver plan).
 */
export interface MemberRating {
  ageFactors: number[];
  surcharges: number[];
}

export function memberRating(members: readonly RatedMember[], planYear: PlanYear, withTobacco = true): MemberRating {
  const on = planYearStartOf(planYear);
  const ages = members.map((m) => ageOn(m.dob, on));
  const charged = chargedByAge(members, ages);
  return {
    ageFactors: ages.map((age, i) => (charged[i] ? ageFactor(age) : 0)),
    surcharges: ages.map((age, i) => (withTobacco && members[i]!.tobacco && age >= TOBACCO_MIN_AGE ? TOBACCO_FACTOR : 1)),
  };
}

/** Each member's monthly premium in cents at a plan's age-21 base rate (cents), in the order base × age factor × surcharge. */
export function premiumsAtBase(base: Cents, rating: MemberRating): Cents[] {
  return rating.ageFactors.map((factor, i) => (factor === 0 ? 0 : roundCents(base * factor * rating.surcharges[i]!)));
}

/** Each member's monthly premium in cents; `withTobacco` false prices the benchmark, which excludes the surcharge. */
export function memberPremiumsCents(planId14: string, ratingArea: string, members: readonly RatedMember[], planYear: PlanYear, withTobacco = true): Cents[] {
  return premiumsAtBase(baseRateCents(planId14, ratingArea, planYear), memberRating(members, planYear, withTobacco));
}
