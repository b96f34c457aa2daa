// The marketplace rules as the exchange applies them: eligibility, plan quotes and the enrollment quote.
// A seam over the oracle (domain/oracle.ts) so fault switches can make the exchange deliberately wrong.

import type { Metal, PlanYear } from '../../domain/household.ts';
import type { Eligibility } from '../../domain/oracle.ts';
import type { HouseholdInput } from './schemas.ts';

export type { Eligibility };

export interface PlanQuote {
  /** 14-char plan id + '-' + the variant this household would be sold. */
  planId: string;
  issuerId: string;
  metal: Metal;
  premium: number;
  aptc: number;
  netPremium: number;
  memberPremiums: number[];
}

export interface ExchangeRules {
  eligibility(household: HouseholdInput, planYear: PlanYear): Eligibility;
  plans(household: HouseholdInput, planYear: PlanYear): PlanQuote[];
  /** Undefined when the plan is not sold in the household's rating area. */
  quote(household: HouseholdInput, planYear: PlanYear, planId14: string): PlanQuote | undefined;
}
