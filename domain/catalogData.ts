// The plan catalog's data: states, counties (real FIPS codes and ZIPs), rating areas, issuers and rates.
// Issuer names, HIOS ids and EINs are fictional; counties, FIPS codes and ZIPs are real. Rating areas are simplified
// (a few per state). Base rates are monthly premiums at age 21, in dollars, per plan year: 2026's are 26 % above
// 2025's (KFF: the average benchmark premium for a 40-year-old rose about 26 % for 2026, to about $625 a month).

import type { Metal, PlanYear } from './household.ts';

export interface CountyData {
  fips: string;
  name: string;
  city: string;
  zips: string[];
  ratingArea: string;
}

export interface IssuerData {
  id: string;
  name: string;
  ein: string;
  /** Multiplies the metal's base rate: issuers differ in price. */
  priceFactor: number;
}

export interface StateData {
  code: string;
  name: string;
  phoneAreaCodes: string[];
  counties: CountyData[];
  /** Rating area → price factor relative to the national base. */
  ratingAreas: Record<string, number>;
  issuers: IssuerData[];
  /** Who Medicaid/CHIP covers in this state, by household income as a percentage of the poverty line. */
  medicaid: MedicaidRules;
}

/**
 * Limits are MAGI standards plus the 5-point disregard (42 CFR 435.603(d)(4)), inclusive: income "not exceeding"
 * the limit is eligible (42 USC 1396a(a)(10)(A)(i)(VIII) for the adult group: 133 % + 5 = 138 %).
 */
export interface MedicaidRules {
  /** The state expanded Medicaid to adults 19–64 up to 138 % FPL (KFF, Status of State Medicaid Expansion Decisions). */
  expansion: boolean;
  /** Children under 19 are Medicaid- or CHIP-eligible up to this % FPL (the state's highest child limit, disregard included). */
  childLimitPercent: number;
}

/** Medicaid's adult expansion group: 133 % FPL plus the 5-point disregard. */
export const EXPANSION_ADULT_LIMIT_PERCENT = 138;
/** Medicaid and CHIP count as children those under 19. */
export const MEDICAID_CHILD_UNDER_AGE = 19;

/** Monthly premium at age 21 before area and issuer factors, in dollars, by plan year (2025 = 2026 ÷ 1.26, to the dollar). */
export const METAL_BASE_RATE: Record<PlanYear, Record<Metal, number>> = {
  2025: { bronze: 262, silver: 333, gold: 381, platinum: 444 },
  2026: { bronze: 330, silver: 420, gold: 480, platinum: 560 },
};
export const METALS: Metal[] = ['bronze', 'silver', 'gold', 'platinum'];
/** The last four digits of each metal's plan id. */
export const METAL_PLAN_NUMBER: Record<Metal, string> = { bronze: '0001', silver: '0002', gold: '0003', platinum: '0004' };
export const PRODUCT_CODE = '001';

export const STATES: StateData[] = [
  {
    code: 'VA',
    name: 'Virginia',
    phoneAreaCodes: ['703', '571', '804', '540'],
    ratingAreas: { 'R-VA001': 1.0, 'R-VA002': 0.95, 'R-VA003': 1.05 },
    counties: [
      { fips: '51059', name: 'Fairfax County', city: 'Fairfax', zips: ['22030', '22031', '22033'], ratingArea: 'R-VA001' },
      { fips: '51013', name: 'Arlington County', city: 'Arlington', zips: ['22201', '22203', '22204'], ratingArea: 'R-VA001' },
      { fips: '51760', name: 'Richmond city', city: 'Richmond', zips: ['23219', '23220', '23223'], ratingArea: 'R-VA002' },
      { fips: '51770', name: 'Roanoke city', city: 'Roanoke', zips: ['24011', '24012', '24015'], ratingArea: 'R-VA003' },
    ],
    issuers: [
      { id: '41001', name: 'BLUE RIDGE HEALTH PLAN', ein: '990041001', priceFactor: 0.96 },
      { id: '41002', name: 'COMMONWEALTH CARE INSURANCE', ein: '990041002', priceFactor: 1.0 },
      { id: '41003', name: 'POTOMAC MUTUAL HEALTH', ein: '990041003', priceFactor: 1.07 },
    ],
    // Expanded Medicaid on 2019-01-01 (KFF tracker). Children: FAMIS (separate CHIP) to 200 % + 5 = 205 %; the 200 %
    // standard is from memory of Medicaid.gov's "Medicaid, CHIP and BHP Eligibility Levels" table, not re-read here.
    medicaid: { expansion: true, childLimitPercent: 205 },
  },
  {
    code: 'TX',
    name: 'Texas',
    phoneAreaCodes: ['713', '512', '214'],
    ratingAreas: { 'R-TX001': 0.92, 'R-TX002': 0.97, 'R-TX003': 0.9 },
    counties: [
      { fips: '48201', name: 'Harris County', city: 'Houston', zips: ['77002', '77030', '77056'], ratingArea: 'R-TX001' },
      { fips: '48453', name: 'Travis County', city: 'Austin', zips: ['78701', '78704', '78745'], ratingArea: 'R-TX002' },
      { fips: '48113', name: 'Dallas County', city: 'Dallas', zips: ['75201', '75204', '75228'], ratingArea: 'R-TX003' },
    ],
    issuers: [
      { id: '42001', name: 'LONE STAR HEALTH COOPERATIVE', ein: '990042001', priceFactor: 0.94 },
      { id: '42002', name: 'GULF COAST MEDICAL PLANS', ein: '990042002', priceFactor: 1.02 },
      { id: '42003', name: 'HILL COUNTRY ASSURANCE', ein: '990042003', priceFactor: 1.05 },
    ],
    // Has not expanded Medicaid (KFF tracker). Children: CHIP to 201 % + 5 = 206 % (Medicaid.gov eligibility levels;
    // Texas HHSC: "at or below 206 percent of the federal poverty level").
    medicaid: { expansion: false, childLimitPercent: 206 },
  },
  {
    code: 'AK',
    name: 'Alaska',
    phoneAreaCodes: ['907'],
    ratingAreas: { 'R-AK001': 1.55, 'R-AK002': 1.62 },
    counties: [
      { fips: '02020', name: 'Anchorage Municipality', city: 'Anchorage', zips: ['99501', '99503', '99508'], ratingArea: 'R-AK001' },
      { fips: '02090', name: 'Fairbanks North Star Borough', city: 'Fairbanks', zips: ['99701', '99709', '99712'], ratingArea: 'R-AK002' },
    ],
    issuers: [
      { id: '43001', name: 'NORTHERN LIGHTS HEALTH', ein: '990043001', priceFactor: 0.98 },
      { id: '43002', name: 'DENALI BENEFIT PLANS', ein: '990043002', priceFactor: 1.0 },
      { id: '43003', name: 'KENAI MUTUAL INSURANCE', ein: '990043003', priceFactor: 1.08 },
    ],
    // Expanded Medicaid on 2015-09-01 (KFF tracker). Children: Denali KidCare (Medicaid-expansion CHIP) to 203 % + 5 =
    // 208 % (Medicaid.gov, "Medicaid, CHIP and BHP Eligibility Levels", as of 2023-12-01: Alaska children 203 %).
    medicaid: { expansion: true, childLimitPercent: 208 },
  },
  {
    code: 'HI',
    name: 'Hawaii',
    phoneAreaCodes: ['808'],
    // One rating area here (simplified); Hawaii's premiums sit near the national average.
    ratingAreas: { 'R-HI001': 1.0 },
    counties: [
      { fips: '15003', name: 'Honolulu County', city: 'Honolulu', zips: ['96813', '96815', '96817'], ratingArea: 'R-HI001' },
      { fips: '15001', name: 'Hawaii County', city: 'Hilo', zips: ['96720'], ratingArea: 'R-HI001' },
      { fips: '15009', name: 'Maui County', city: 'Kahului', zips: ['96732'], ratingArea: 'R-HI001' },
    ],
    issuers: [
      { id: '44001', name: 'TRADEWINDS HEALTH PLAN', ein: '990044001', priceFactor: 0.97 },
      { id: '44002', name: 'ISLAND MUTUAL BENEFITS', ein: '990044002', priceFactor: 1.0 },
      { id: '44003', name: 'PACIFIC CREST INSURANCE', ein: '990044003', priceFactor: 1.06 },
    ],
    // Expanded Medicaid on 2014-01-01 (KFF tracker). Children: Med-QUEST to 308 % + 5 = 313 % (Medicaid.gov,
    // "Medicaid, CHIP and BHP Eligibility Levels", as of 2023-12-01: Hawaii children 308 %).
    medicaid: { expansion: true, childLimitPercent: 313 },
  },
];
