// Hand-worked examples of the oracle, to the cent. Catalog figures used (domain/catalogData.ts):
// 2026 silver base $420, bronze $330, gold $480 at age 21 (2025: silver $333); VA R-VA001 area factor 1.00, TX R-TX001 0.92, TX R-TX002 0.97,
// AK R-AK001 1.55; issuer factors VA 41001 0.96 / 41002 1.00 / 41003 1.07, TX 42001 0.94 / 42002 1.02 / 42003 1.05,
// AK 43001 0.98 / 43002 1.00 / 43003 1.08. Every product is rounded half up to the cent.

import { describe, expect, it } from 'vitest';
import type { Relationship } from '../../domain/household.ts';
import { csrVariantFor, determine, determineEligibility } from '../../domain/oracle.ts';
import { fplRatioOf } from '../../domain/povertyGuideline.ts';

const m = (dob: string, relationship: Relationship = 'self', tobacco = false) => ({ dob, relationship, tobacco });
const fairfax = { state: 'VA', countyFips: '51059' };

describe('oracle: hand-worked households', () => {
  it('a single adult at 140 % FPL (2026) buying silver: CSR 94 % variant', () => {
    // Poverty line (2025 guideline for 2026): $15,650 → income $21,910 is 140.00 %.
    // Applicable %: 3.14 + (140 − 133) / 17 × (4.19 − 3.14) = 3.5724 → 3.57 %. Contribution: 21,910 × 3.57 % / 12 = $65.18.
    // Age 40 on 2026-01-01 (factor 1.278). Silver in R-VA001: 403.20 × 1.278 = 515.29; 420.00 × 1.278 = 536.76;
    // 449.40 × 1.278 = 574.33 → benchmark (second lowest) $536.76. Credit 536.76 − 65.18 = $471.58.
    const answer = determine({ ...fairfax, householdIncome: 21_910, members: [m('1985-06-15')] }, '41002VA0010002', 2026);
    expect(answer).toEqual({
      planYear: 2026,
      fplPercent: 140,
      result: 'aptc',
      medicaidMembers: [false],
      applicablePercent: 3.57,
      benchmarkPremium: 536.76,
      planPremium: 536.76,
      aptc: 471.58,
      netPremium: 65.18,
      csrVariant: '06',
      planIdWithVariant: '41002VA0010002-06',
      memberPremiums: [536.76],
    });
  });

  it('the credit exceeds the chosen bronze premium: the enrollee owes nothing', () => {
    // Same household; bronze 41001: 330 × 0.96 = 316.80 at 21, × 1.278 = $404.87 < credit $471.58 → APTC $404.87, owes $0.
    const answer = determine({ ...fairfax, householdIncome: 21_910, members: [m('1985-06-15')] }, '41001VA0010001', 2026);
    expect(answer).toMatchObject({ planPremium: 404.87, aptc: 404.87, netPremium: 0, csrVariant: '01', planIdWithVariant: '41001VA0010001-01' });
  });

  it('a family of four at 250 % FPL (2026) buying gold', () => {
    // Line for 4: 15,650 + 3 × 5,500 = $32,150; income $80,375 = 250.00 % → 8.44 %; contribution 80,375 × 8.44 % / 12 = $565.30.
    // Ages 45 (1.444), 43 (1.357), 10 and 8 (0.765). Travis R-TX002 (0.97). Silver at 21: 382.96 / 415.55 / 427.77.
    // 42002 silver: 600.05 + 563.90 + 317.90 × 2 = $1,799.75 (the second lowest: 42001 $1,658.59, 42003 $1,852.66).
    // Credit 1,799.75 − 565.30 = $1,234.45. Gold 42002 at 21: 480 × 0.97 × 1.02 = 474.91 → 685.77 + 644.45 + 363.31 × 2 = $2,056.84.
    const family = [m('1980-06-15'), m('1982-06-15', 'spouse'), m('2015-06-15', 'child'), m('2017-06-15', 'child')];
    const answer = determine({ state: 'TX', countyFips: '48453', householdIncome: 80_375, members: family }, '42002TX0010003', 2026);
    expect(answer).toEqual({
      planYear: 2026,
      fplPercent: 250,
      result: 'aptc',
      medicaidMembers: [false, false, false, false],
      applicablePercent: 8.44,
      benchmarkPremium: 1799.75,
      planPremium: 2056.84,
      aptc: 1234.45,
      netPremium: 822.39,
      csrVariant: '01',
      planIdWithVariant: '42002TX0010003-01',
      memberPremiums: [685.77, 644.45, 363.31, 363.31],
    });
  });

  it('2026 rates are not 2025 rates: the same plan at 21 costs 26 % more', () => {
    // Both members are 21 on their plan year's first day; VA R-VA001 and issuer 41002 have factor 1.00.
    const y2025 = determine({ ...fairfax, householdIncome: 200_000, members: [m('2003-06-15')] }, '41002VA0010002', 2025);
    const y2026 = determine({ ...fairfax, householdIncome: 200_000, members: [m('2004-06-15')] }, '41002VA0010002', 2026);
    expect([y2025.planPremium, y2026.planPremium]).toEqual([333, 420]);
  });

  it('a 64-year-old at 450 % FPL gets a credit under the 2025 rules and none under 2026', () => {
    // 2025 (2024 line $15,060): income $67,770 = 450 % → 8.5 % (no cliff); contribution 67,770 × 8.5 % / 12 = $480.04 (480.0375).
    // 2025 rates (silver $333 at 21, 2026's $420 ÷ 1.26). Age 64 → factor 3.000: benchmark 333 × 3 = $999.00;
    // credit 999.00 − 480.04 = $518.96.
    const y2025 = determine({ ...fairfax, householdIncome: 67_770, members: [m('1960-06-01')] }, '41002VA0010002', 2025);
    expect(y2025).toMatchObject({ fplPercent: 450, applicablePercent: 8.5, benchmarkPremium: 999, planPremium: 999, aptc: 518.96, netPremium: 480.04 });
    // 2026 (2025 line $15,650): income $70,425 = 450 % → above 400 %, no credit at all.
    const y2026 = determine({ ...fairfax, householdIncome: 70_425, members: [m('1960-06-01')] }, '41002VA0010002', 2026);
    expect(y2026).toMatchObject({ fplPercent: 450, applicablePercent: null, aptc: 0, netPremium: 1260 });
  });

  it('an Alaska household uses the Alaska poverty line', () => {
    // AK 2025 line $19,550: income $39,100 = 200.00 % (it would be 249.84 % on the $15,650 line) → 6.60 %, CSR 87 % (-05).
    // Contribution 39,100 × 6.6 % / 12 = $215.05. Age 31 (1.159), R-AK001 1.55: silver at 21 637.98 / 651.00 / 703.08
    // → 739.42 / 754.51 / 814.87; benchmark $754.51; credit $539.46.
    const answer = determine({ state: 'AK', countyFips: '02020', householdIncome: 39_100, members: [m('1994-06-15')] }, '43002AK0010002', 2026);
    expect(answer).toMatchObject({
      fplPercent: 200,
      applicablePercent: 6.6,
      benchmarkPremium: 754.51,
      aptc: 539.46,
      netPremium: 215.05,
      planIdWithVariant: '43002AK0010002-05',
    });
  });

  it('a tobacco user pays the surcharge; the benchmark excludes it', () => {
    // Harris R-TX001 (0.92), age 50 (1.786), income $46,950 = 300 % → 9.96 %; contribution 46,950 × 9.96 % / 12 = $389.69 (389.685).
    // Benchmark without surcharge: 42002 silver 394.13 × 1.786 = $703.92; credit 703.92 − 389.69 = $314.23.
    // Premium with the 1.2 surcharge: 394.13 × 1.786 × 1.2 = $844.70; owed 844.70 − 314.23 = $530.47.
    const answer = determine({ state: 'TX', countyFips: '48201', householdIncome: 46_950, members: [m('1975-06-15', 'self', true)] }, '42002TX0010002', 2026);
    expect(answer).toMatchObject({ fplPercent: 300, applicablePercent: 9.96, benchmarkPremium: 703.92, planPremium: 844.7, aptc: 314.23, netPremium: 530.47 });
  });

  it('an adult below 138 % FPL in an expansion state is referred to Medicaid: no credit, no CSR, no plan sold', () => {
    // VA expanded Medicaid: $14,085 / $15,650 = 90.00 % ≤ 138 % → result medicaid, nothing priced.
    const answer = determine({ ...fairfax, householdIncome: 14_085, members: [m('1995-06-15')] }, '41002VA0010002', 2026);
    expect(answer).toMatchObject({
      fplPercent: 90,
      result: 'medicaid',
      medicaidMembers: [true],
      applicablePercent: null,
      benchmarkPremium: 0,
      planPremium: 0,
      aptc: 0,
      netPremium: 0,
      csrVariant: '01',
    });
  });

  it('the same adult in Texas (no expansion) gets nothing below 100 % and buys unsubsidised', () => {
    // Harris R-TX001: 42002 silver at 21 = 420 × 0.92 × 1.02 = 394.13; age 30 (1.135) → $447.34, all owed.
    const answer = determine({ state: 'TX', countyFips: '48201', householdIncome: 14_085, members: [m('1995-06-15')] }, '42002TX0010002', 2026);
    expect(answer).toMatchObject({
      fplPercent: 90,
      result: 'no_aptc',
      medicaidMembers: [false],
      applicablePercent: null,
      aptc: 0,
      planPremium: 447.34,
      netPremium: 447.34,
      csrVariant: '01',
    });
  });

  it('a Texas adult at 120 % FPL (no expansion) buys with the 2.10 % credit and the 94 % CSR', () => {
    // $18,780 / $15,650 = 120.00 %: contribution 18,780 × 2.10 % / 12 = $32.87 (32.865 → half up).
    // Benchmark: 42002 silver (second lowest of 0.94 / 1.02 / 1.05) at age 30 = $447.34; credit 447.34 − 32.87 = $414.47.
    const answer = determine({ state: 'TX', countyFips: '48201', householdIncome: 18_780, members: [m('1995-06-15')] }, '42002TX0010002', 2026);
    expect(answer).toMatchObject({
      result: 'aptc',
      applicablePercent: 2.1,
      benchmarkPremium: 447.34,
      aptc: 414.47,
      netPremium: 32.87,
      planIdWithVariant: '42002TX0010002-06',
    });
  });

  it('children under the state CHIP limit leave the plan: the parents enroll, priced and benchmarked alone', () => {
    // TX family of 4 at 180 %: CHIP to 206 % covers the children (8 and 10); the parents (45, 43) are in no Medicaid group.
    // Line $32,150 × 1.8 = $57,870. Benchmark: 42002 silver for the two parents only, R-TX002: 415.55 × (1.444 + 1.357).
    const family = [m('1980-06-15'), m('1982-06-15', 'spouse'), m('2015-06-15', 'child'), m('2017-06-15', 'child')];
    const answer = determine({ state: 'TX', countyFips: '48453', householdIncome: 57_870, members: family }, '42002TX0010002', 2026);
    expect(answer.medicaidMembers).toEqual([false, false, true, true]);
    expect(answer.memberPremiums).toEqual([600.05, 563.9, 0, 0]);
    expect(answer).toMatchObject({ result: 'aptc', benchmarkPremium: 1163.95, planPremium: 1163.95, planIdWithVariant: '42002TX0010002-05' });
  });
});

describe('oracle: tobacco (45 CFR 147.102; 26 CFR 1.36B-3(d))', () => {
  // Harris R-TX001, age 50 (1.786): bronze 42001 at 21 = 330 × 0.92 × 0.94 = $285.38; silver 42002 = $394.13 (benchmark).
  const harris = { state: 'TX', countyFips: '48201' };

  it('charges no surcharge below 21, whatever the application says, and charges it from 21', () => {
    // Ages 20 (0.970) and 21 (1.000), income far above 400 % so no credit muddles the premium. Silver 42002 at 21 $394.13.
    const at20 = determine({ ...harris, householdIncome: 200_000, members: [m('2005-06-15', 'self', true)] }, '42002TX0010002', 2026);
    const at21 = determine({ ...harris, householdIncome: 200_000, members: [m('2004-06-15', 'self', true)] }, '42002TX0010002', 2026);
    expect(at20.planPremium).toBe(382.31); // 394.13 × 0.970 = 382.3061, no surcharge
    expect(at21.planPremium).toBe(472.96); // 394.13 × 1.2 = 472.956
  });

  it('a credit larger than a cheaper plan’s premium without the surcharge pays part of the surcharge', () => {
    // Income $31,300 = 200 % (line $15,650) → 6.60 %; contribution 31,300 × 6.60 % / 12 = $172.15.
    // Benchmark (no surcharge): 394.13 × 1.786 = $703.92; credit 703.92 − 172.15 = $531.77.
    // Bronze 42001: 285.38 × 1.786 = $509.69 without the surcharge, × 1.2 = $611.63 with it. The credit is the lesser of
    // the premium ($611.63) and $531.77: $531.77, so it covers the $509.69 and $22.08 of the $101.94 surcharge; owed $79.86.
    const answer = determine({ ...harris, householdIncome: 31_300, members: [m('1975-06-15', 'self', true)] }, '42001TX0010001', 2026);
    expect(answer).toMatchObject({ benchmarkPremium: 703.92, planPremium: 611.63, aptc: 531.77, netPremium: 79.86 });
  });
});

describe('oracle: rules', () => {
  it('charges at most the three oldest children under 21', () => {
    // Four children 12, 10, 8 and 6: the 6-year-old is free.
    const kids = ['2013-06-15', '2015-06-15', '2017-06-15', '2019-06-15'].map((d) => m(d, 'child'));
    const answer = determine({ ...fairfax, householdIncome: 200_000, members: [m('1985-06-15'), ...kids] }, '41002VA0010002', 2026);
    expect(answer.memberPremiums).toEqual([536.76, 321.3, 321.3, 321.3, 0]);
  });

  it.each([
    [15_649, '01'],
    [15_650, '06'],
    [23_475, '06'],
    [23_476, '05'],
    [31_300, '05'],
    [39_125, '04'],
    [39_126, '01'],
  ])('CSR variant at income %s (one person, 2026 line $15,650) is %s', (income, variant) => {
    expect(csrVariantFor(fplRatioOf(2026, 'TX', 1, income))).toBe(variant);
  });

  it('gives no CSR to a household not eligible for the credit', () => {
    expect(csrVariantFor(fplRatioOf(2026, 'TX', 1, 20_000), false)).toBe('01');
  });

  it('names an unknown county instead of guessing', () => {
    expect(() => determineEligibility({ state: 'VA', countyFips: '99999', householdIncome: 1, members: [m('1985-06-15')] }, 2026)).toThrow(/county 99999/);
  });
});
