// A synthetic household as the generator writes it: who applies, and the answers a correct exchange must give.
// Money is in dollars with two decimals (computed in cents, see domain/money.ts).

import type { PlanYear } from '../vocabulary/planYear.ts';

export type StateCode = string;
export type Metal = 'bronze' | 'silver' | 'gold' | 'platinum';
export type Relationship = 'self' | 'spouse' | 'child';
export type Sex = 'M' | 'F';
/** Plan-id variant: 01 standard, 04/05/06 silver cost-sharing reductions (73/87/94 % AV). */
export type CsrVariant = '01' | '04' | '05' | '06';
export type { PlanYear };

export interface Member {
  firstName: string;
  lastName: string;
  /** CCYY-MM-DD */
  dob: string;
  sex: Sex;
  relationship: Relationship;
  /** Nine digits, never-issued ranges only (area 000, 666, 900-999). */
  ssn: string;
  tobacco: boolean;
}

/**
 * The eligibility result: `medicaid` — the subscriber (and so the household) is Medicaid/CHIP-eligible and is referred
 * to the state, no plan is sold; `aptc` — a premium tax credit; `no_aptc` — may buy, without a credit.
 */
export type EligibilityResult = 'medicaid' | 'aptc' | 'no_aptc';

export interface ExpectedAnswers {
  planYear: PlanYear;
  /** % FPL truncated to 0.01, for people; bands are chosen on the exact ratio. */
  fplPercent: number;
  result: EligibilityResult;
  /** Per member, in order: Medicaid/CHIP covers this member, who is not enrolled in the plan. */
  medicaidMembers: boolean[];
  /** Share of income expected toward the benchmark, in percent (e.g. 4.19). Null when no credit applies by rule. */
  applicablePercent: number | null;
  benchmarkPremium: number;
  planPremium: number;
  aptc: number;
  netPremium: number;
  csrVariant: CsrVariant;
  /** The plan id actually sold, 14 chars + '-' + variant. */
  planIdWithVariant: string;
  /** Per member, in order; 0 for a member Medicaid/CHIP covers (not enrolled) or a fourth child under 21. */
  memberPremiums: number[];
}

export interface Household {
  id: string;
  state: StateCode;
  countyFips: string;
  zip: string;
  city: string;
  street: string;
  ratingArea: string;
  phone: string;
  email: string;
  householdIncome: number;
  householdSize: number;
  members: Member[];
  plan: { id: string; issuerId: string; metal: Metal };
  expected: ExpectedAnswers;
}
