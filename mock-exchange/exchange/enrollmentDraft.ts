// What a confirmed enrollment holds, from what the exchange quoted and the household it quoted for: pure, so the
// route only decides, stores and answers. Also the wrong-subsidy fault's arithmetic (exchange.wrongSubsidy).

import { coverageStart } from '../../domain/coverageStart.ts';
import type { Enrollment } from '../../domain/enrollment.ts';
import type { PlanYear } from '../../domain/household.ts';
import { WRONG_SUBSIDY_EXTRA } from './frontFaults.ts';
import type { Eligibility, PlanQuote } from './rules.ts';
import type { HouseholdInput } from './schemas.ts';

const dollars = (n: number): number => Math.round(n * 100) / 100;

/** The quote with too much credit, capped by the premium as the rules cap it; where the cap hides it, too little instead. */
export function withWrongSubsidy(quote: PlanQuote): PlanQuote {
  const raised = Math.min(quote.premium, dollars(quote.aptc + WRONG_SUBSIDY_EXTRA));
  const aptc = raised !== quote.aptc ? raised : Math.max(0, dollars(quote.aptc - WRONG_SUBSIDY_EXTRA));
  return { ...quote, aptc, netPremium: dollars(quote.premium - aptc) };
}

export interface EnrollmentFacts {
  confirmationNumber: string;
  /** The application's id: the household the enrollment is for. */
  householdId: string;
  household: HouseholdInput;
  planYear: PlanYear;
  eligibility: Eligibility;
  quote: PlanQuote;
  submittedAt: Date;
}

export function enrollmentOf(facts: EnrollmentFacts): Enrollment {
  const { confirmationNumber, household, quote, eligibility, planYear, submittedAt } = facts;
  const coverage = coverageStart(planYear, submittedAt);
  return {
    confirmationNumber,
    householdId: facts.householdId,
    issuerId: quote.issuerId,
    planId: quote.planId,
    metal: quote.metal,
    planYear,
    effectiveDate: coverage.effectiveDate,
    endDate: coverage.endDate,
    state: household.state,
    countyFips: household.countyFips,
    zip: household.zip,
    city: household.city,
    street: household.street,
    phone: household.phone,
    ratingArea: eligibility.ratingArea,
    premium: quote.premium,
    aptc: quote.aptc,
    // Federal CSR payments to insurers stopped in October 2017: CSR AMT is reported as zero.
    csrAmount: 0,
    otherPayment: 0,
    owed: quote.netPremium,
    submittedAt: submittedAt.toISOString(),
    // Members Medicaid/CHIP covers are not enrolled; the others keep their application position in their member id.
    members: household.members
      .map((m, i) => ({ ...m, memberId: `${confirmationNumber}-${i + 1}`, premium: quote.memberPremiums[i] ?? 0 }))
      .filter((_, i) => !eligibility.medicaidMembers[i]),
  };
}
