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

/** A plan as anonymous shoppers see it: premiums before any subsidy, no tobacco surcharge. */
export interface BrowseQuote {
  /** 14 characters: the variant depends on the household's income, unknown when browsing. */
  planId: string;
  issuerId: string;
  issuerName: string;
  metal: Metal;
  premium: number;
  memberPremiums: number[];
}

export interface BrowseAnswer {
  state: string;
  countyFips: string;
  ratingArea: string;
  plans: BrowseQuote[];
}

export interface ExchangeRules {
  /** Anonymous window shopping by ZIP (and county, where a ZIP spans several) for members of these ages. */
  browse(zip: string, countyFips: string | undefined, ages: readonly number[], planYear: PlanYear): BrowseAnswer;
  eligibility(household: HouseholdInput, planYear: PlanYear): Eligibility;
  plans(household: HouseholdInput, planYear: PlanYear): PlanQuote[];
  /** Undefined when the plan is not sold in the household's rating area. */
  quote(household: HouseholdInput, planYear: PlanYear, planId14: string): PlanQuote | undefined;
}
