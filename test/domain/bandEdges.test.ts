// Every band edge of the rules, just below, exactly at and just above (one cent either side), for every catalog state,
// household sizes 1–8 and both plan years: the expected side of each edge is written here from the law's own words
// ("less than", "at least", "not more than"), not computed by the code under test.
//   26 CFR 1.36B-3(g)(1) / Rev. Proc. 2025-25: 2026 bands "less than 133 %", "at least 133 % but less than 150 %", …,
//     "at least 300 % but not more than 400 %"; 26 USC 36B(c)(1)(A): no credit below 100 % or (2026) above 400 %.
//   26 USC 36B(b)(3)(A)(iii): the enhanced 2021–2025 table, "up to 150 %" 0 %, "400 % and higher" 8.5 %.
//   45 CFR 155.305(g)(2): CSR at least 100 % and not more than 150 % (94 %), above 150 % to 200 % (87 %), above 200 % to 250 % (73 %).
//   42 USC 1396a(a)(10)(A)(i)(VIII) + 42 CFR 435.603(d)(4): adults "not exceeding 133 %" + 5 points = 138 % (expansion states).

import { describe, expect, it } from 'vitest';
import { applicablePercentage } from '../../domain/applicablePercentage.ts';
import { catalogStates, medicaidRulesOf } from '../../domain/catalog.ts';
import type { PlanYear } from '../../domain/household.ts';
import { isMedicaidEligible } from '../../domain/medicaid.ts';
import { csrVariantFor, determine } from '../../domain/oracle.ts';
import { fplRatioOf, povertyLine, type FplRatio } from '../../domain/povertyGuideline.ts';

type Side = 'below' | 'at' | 'above';
const SIDES: Side[] = ['below', 'at', 'above'];
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8];
const YEARS: PlanYear[] = [2025, 2026];

/** Income in dollars (to the cent) one cent below, exactly at, or one cent above `percent` % of the line. */
function incomeAt(line: number, percent: number, side: Side): number {
  const cents = percent * line; // percent % of `line` dollars = percent × line cents, a whole number
  return (cents + (side === 'below' ? -1 : side === 'above' ? 1 : 0)) / 100;
}

interface Case {
  state: string;
  size: number;
  year: PlanYear;
  side: Side;
  ratio: FplRatio;
  income: number;
}

function casesAt(percent: number): Case[] {
  return catalogStates().flatMap((state) =>
    YEARS.flatMap((year) =>
      SIZES.flatMap((size) =>
        SIDES.map((side) => {
          const income = incomeAt(povertyLine(year, state, size), percent, side);
          return { state, size, year, side, income, ratio: fplRatioOf(year, state, size, income) };
        }),
      ),
    ),
  );
}

/** The applicable percentage each side of each edge, by plan year (null: no credit). */
const APPLICABLE: Record<number, Record<PlanYear, Record<Side, number | null>>> = {
  100: { 2025: { below: null, at: 0, above: 0 }, 2026: { below: null, at: 2.1, above: 2.1 } },
  133: { 2025: { below: 0, at: 0, above: 0 }, 2026: { below: 2.1, at: 3.14, above: 3.14 } },
  138: { 2025: { below: 0, at: 0, above: 0 }, 2026: { below: 3.45, at: 3.45, above: 3.45 } },
  150: { 2025: { below: 0, at: 0, above: 0 }, 2026: { below: 4.19, at: 4.19, above: 4.19 } },
  200: { 2025: { below: 2, at: 2, above: 2 }, 2026: { below: 6.6, at: 6.6, above: 6.6 } },
  250: { 2025: { below: 4, at: 4, above: 4 }, 2026: { below: 8.44, at: 8.44, above: 8.44 } },
  300: { 2025: { below: 6, at: 6, above: 6 }, 2026: { below: 9.96, at: 9.96, above: 9.96 } },
  400: { 2025: { below: 8.5, at: 8.5, above: 8.5 }, 2026: { below: 9.96, at: 9.96, above: null } },
};

/** The CSR variant each side of each edge (a household eligible for the credit; 2026 above 400 % has none). */
const CSR: Record<number, Record<Side, string>> = {
  100: { below: '01', at: '06', above: '06' },
  133: { below: '06', at: '06', above: '06' },
  138: { below: '06', at: '06', above: '06' },
  150: { below: '06', at: '06', above: '05' },
  200: { below: '05', at: '05', above: '04' },
  250: { below: '04', at: '04', above: '01' },
  300: { below: '01', at: '01', above: '01' },
  400: { below: '01', at: '01', above: '01' },
};

const EDGES = Object.keys(APPLICABLE).map(Number);

describe('band edges: the applicable percentage and CSR on the exact ratio', () => {
  for (const edge of EDGES) {
    const cases = casesAt(edge);
    it(`${edge} % FPL: ${cases.length} cases (${catalogStates().length} states × 2 plan years × 8 sizes × below/at/above)`, () => {
      for (const c of cases) {
        const where = `${c.state} size ${c.size} ${c.year} ${c.side} ${edge} % (income ${c.income})`;
        expect(applicablePercentage(c.year, c.ratio), where).toBe(APPLICABLE[edge]![c.year][c.side]);
        const creditEligible = APPLICABLE[edge]![c.year][c.side] !== null;
        expect(csrVariantFor(c.ratio, creditEligible), where).toBe(creditEligible ? CSR[edge]![c.side] : '01');
      }
    });
  }
});

describe('band edges: Medicaid/CHIP limits, inclusive', () => {
  it('adults 19–64 at 138 % are Medicaid-eligible in expansion states, a cent above are not; never in Texas', () => {
    const cases = casesAt(138);
    expect(cases).toHaveLength(catalogStates().length * 2 * 8 * 3);
    for (const c of cases) {
      const rules = medicaidRulesOf(c.state);
      const expected = rules.expansion && c.side !== 'above';
      expect(isMedicaidEligible(rules, c.ratio, 40), `${c.state} ${c.size} ${c.year} ${c.side}`).toBe(expected);
      expect(isMedicaidEligible(rules, c.ratio, 65), 'Medicare age is outside the adult group').toBe(false);
    }
  });

  it.each([
    ['VA', 205],
    ['TX', 206],
    ['AK', 208],
    ['HI', 313],
  ])('children under 19 in %s are Medicaid/CHIP-eligible up to %s %% inclusive', (state, limit) => {
    const rules = medicaidRulesOf(state);
    expect(rules.childLimitPercent).toBe(limit);
    for (const year of YEARS) {
      for (const size of SIZES) {
        const line = povertyLine(year, state, size);
        for (const side of SIDES) {
          const ratio = fplRatioOf(year, state, size, incomeAt(line, limit, side));
          expect(isMedicaidEligible(rules, ratio, 18)).toBe(side !== 'above');
          expect(isMedicaidEligible(rules, ratio, 19)).toBe(false);
        }
      }
    }
  });
});

describe('band edges: the households the audit found wrong (issue 18)', () => {
  // A 6-person Texas household (2026 line $43,150): two adults 40 and 38, four children 5–12 (CHIP to 206 %).
  const family = ['1985-06-15', '1987-06-15', '2013-06-15', '2015-06-15', '2017-06-15', '2020-06-15'].map((dob, i) => ({
    dob,
    relationship: (i === 0 ? 'self' : i === 1 ? 'spouse' : 'child') as 'self' | 'spouse' | 'child',
    tobacco: false,
  }));
  const texas = (householdIncome: number) => determine({ state: 'TX', countyFips: '48201', householdIncome, members: family }, '42002TX0010002', 2026);

  it('$43,149 (99.998 %) is below 100 %: no credit and no CSR (it showed 100.00 % and got both)', () => {
    expect(texas(43_149)).toMatchObject({ fplPercent: 99.99, result: 'no_aptc', applicablePercent: null, aptc: 0, csrVariant: '01' });
  });

  it('$57,389 (132.999 %) is below 133 %: 2.10 %, not 3.14 %', () => {
    expect(texas(57_389)).toMatchObject({ fplPercent: 132.99, applicablePercent: 2.1, csrVariant: '06' });
  });

  it('$172,601 (400.002 %) is above 400 %: no credit in 2026', () => {
    expect(texas(172_601)).toMatchObject({ fplPercent: 400, result: 'no_aptc', applicablePercent: null, aptc: 0 });
  });

  it('rounds the percentage once, half up, exactly: 134.70 % → 3.245 % → 3.25 % (floating point gives 3.24)', () => {
    // 3.14 + (134.7 − 133) / 17 × 1.05 = 3.245 exactly; one person, line $15,650, income $21,080.55.
    expect(applicablePercentage(2026, fplRatioOf(2026, 'TX', 1, 21_080.55))).toBe(3.25);
  });
});
