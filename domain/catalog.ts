// The plan catalog: the single source of truth for the exchange, the oracle, the scenarios and the dashboards.
// Plans are every issuer's four metal levels in each rating area of its state, priced at age 21 per area.

import {
  METALS,
  METAL_BASE_RATE,
  METAL_PLAN_NUMBER,
  PRODUCT_CODE,
  STATES,
  type CountyData,
  type IssuerData,
  type MedicaidRules,
  type StateData,
} from './catalogData.ts';
import type { Metal, PlanYear } from './household.ts';
import { roundCents, toCents, type Cents } from './money.ts';

export interface Issuer {
  id: string;
  name: string;
  ein: string;
  state: string;
}

export interface Plan {
  /** 14 characters: issuer (5) + state (2) + product (3) + plan (4). */
  id: string;
  issuerId: string;
  state: string;
  metal: Metal;
}

export interface County extends CountyData {
  state: string;
}

const statesByCode = new Map(STATES.map((s) => [s.code, s]));
const counties: County[] = STATES.flatMap((s) => s.counties.map((c) => ({ ...c, state: s.code })));
const countyByZip = new Map(counties.flatMap((c) => c.zips.map((zip) => [zip, c] as const)));
const issuerData = new Map<string, IssuerData & { state: string }>(STATES.flatMap((s) => s.issuers.map((i) => [i.id, { ...i, state: s.code }] as const)));
const plans: Plan[] = STATES.flatMap((s) =>
  s.issuers.flatMap((i) => METALS.map((metal) => ({ id: `${i.id}${s.code}${PRODUCT_CODE}${METAL_PLAN_NUMBER[metal]}`, issuerId: i.id, state: s.code, metal }))),
);
const planById14 = new Map(plans.map((p) => [p.id, p]));
const ratingAreaState = new Map(STATES.flatMap((s) => Object.keys(s.ratingAreas).map((area) => [area, s] as const)));

function stateData(code: string): StateData {
  const state = statesByCode.get(code);
  if (!state) throw new RangeError(`state ${code}: not in the catalog (${[...statesByCode.keys()].join(', ')})`);
  return state;
}

export const catalogStates = (): string[] => STATES.map((s) => s.code);
const countiesByState = new Map(STATES.map((s) => [s.code, counties.filter((c) => c.state === s.code)]));
const plansByState = new Map(STATES.map((s) => [s.code, plans.filter((p) => p.state === s.code)]));

export const countiesOf = (state: string): County[] => countiesByState.get(state) ?? [];
export const findCountyByZip = (zip: string): County | undefined => countyByZip.get(zip);
export const phoneAreaCodesOf = (state: string): string[] => stateData(state).phoneAreaCodes;
export const medicaidRulesOf = (state: string): MedicaidRules => stateData(state).medicaid;
export const allIssuerIds = (): string[] => [...issuerData.keys()];

export function ratingAreaFor(state: string, countyFips: string): string {
  const county = stateData(state).counties.find((c) => c.fips === countyFips);
  if (!county) throw new RangeError(`county ${countyFips}: not a catalog county of ${state}`);
  return county.ratingArea;
}

export function plansInRatingArea(ratingArea: string): Plan[] {
  const state = ratingAreaState.get(ratingArea);
  if (!state) throw new RangeError(`rating area ${ratingArea}: not in the catalog`);
  return plansByState.get(state.code)!;
}

export function planById(id14: string): Plan {
  const plan = planById14.get(id14);
  if (!plan) throw new RangeError(`plan ${id14}: not in the catalog (14-character plan ids, e.g. ${plans[0]!.id})`);
  return plan;
}

export function issuerById(id: string): Issuer {
  const issuer = issuerData.get(id);
  if (!issuer) throw new RangeError(`issuer ${id}: not in the catalog`);
  return { id: issuer.id, name: issuer.name, ein: issuer.ein, state: issuer.state };
}

/** Monthly premium of the plan at age 21 in the rating area in the plan year, in cents. */
export function baseRateCents(planId14: string, ratingArea: string, planYear: PlanYear): Cents {
  const plan = planById(planId14);
  const state = ratingAreaState.get(ratingArea);
  if (!state || state.code !== plan.state) throw new RangeError(`plan ${planId14} is not sold in rating area ${ratingArea}`);
  const issuer = issuerData.get(plan.issuerId)!;
  const rates = METAL_BASE_RATE[planYear];
  if (!rates) throw new RangeError(`plan year ${planYear}: expected 2025 or 2026`);
  return roundCents(toCents(rates[plan.metal]) * state.ratingAreas[ratingArea]! * issuer.priceFactor);
}

/** Plain JSON of the whole catalog in a plan year, for `harness plans --json`. */
export function catalogSnapshot(planYear: PlanYear = 2026) {
  return STATES.map((s) => ({
    state: s.code,
    name: s.name,
    medicaid: s.medicaid,
    counties: s.counties,
    issuers: s.issuers.map(({ id, name, ein }) => ({ id, name, ein })),
    ratingAreas: Object.keys(s.ratingAreas).map((area) => ({
      ratingArea: area,
      plans: plans
        .filter((p) => p.state === s.code)
        .map((p) => ({ ...p, baseRateAge21: baseRateCents(p.id, area, planYear) / 100, variants: p.metal === 'silver' ? ['01', '04', '05', '06'] : ['01'] })),
    })),
  }));
}
