// Browsing's oracle check, run against the exchange's own correct rules over generated households: it passes every
// correct answer and catches a wrong premium or a missing plan.

import { describe, expect, it } from 'vitest';
import { generateHouseholds } from '../../applicants/generate.ts';
import { ageOn, planYearStartOf } from '../../domain/ageCurve.ts';
import type { Household } from '../../domain/household.ts';
import { oracleRules } from '../../mock-exchange/exchange/oracleRules.ts';
import { browseMismatches } from '../../scenarios/consumers/oracleChecks.ts';

const households = [...generateHouseholds({ count: 400, seed: 21, planYear: 2026 })];

function browsed(h: Household) {
  const ages = h.members.map((m) => ageOn(m.dob, planYearStartOf(h.expected.planYear)));
  return oracleRules.browse(h.zip, undefined, ages, h.expected.planYear).plans;
}

describe('browseMismatches', () => {
  it('finds nothing wrong in a correct exchange’s answers', () => {
    for (const h of households) expect(browseMismatches(browsed(h), h), h.id).toEqual([]);
  });

  it('names a premium a cent off for households browsing rates as the oracle does, and a plan not offered for any', () => {
    let premiumsChecked = 0;
    for (const h of households) {
      const plans = browsed(h);
      const off = plans.map((p) => (p.planId === h.plan.id ? { ...p, premium: p.premium + 0.01 } : p));
      const wrong = browseMismatches(off, h);
      if (wrong.length > 0) premiumsChecked++;
      expect(wrong.length === 0 || wrong[0] === 'premium').toBe(true);
      expect(
        browseMismatches(
          plans.filter((p) => p.planId !== h.plan.id),
          h,
        ),
      ).toEqual(['planOffered']);
    }
    // Most households have no tobacco user and no adult under 21, so their premium is checked.
    expect(premiumsChecked / households.length).toBeGreaterThan(0.5);
  });
});
