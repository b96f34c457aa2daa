// The enrollment the exchange confirms, built from its quote and the household: pure arithmetic and copying.

import { describe, expect, it } from 'vitest';
import { enrollmentOf, withWrongSubsidy } from '../../../mock-exchange/exchange/enrollmentDraft.ts';
import { WRONG_SUBSIDY_EXTRA } from '../../../mock-exchange/exchange/frontFaults.ts';
import type { Eligibility, PlanQuote } from '../../../mock-exchange/exchange/rules.ts';
import type { HouseholdInput } from '../../../mock-exchange/exchange/schemas.ts';

const quote = (premium: number, aptc: number): PlanQuote => ({
  planId: '12345VA0010001-01',
  issuerId: '12345',
  metal: 'silver',
  premium,
  aptc,
  netPremium: Math.round((premium - aptc) * 100) / 100,
  memberPremiums: [300, 200.5, 100.25],
});

describe('withWrongSubsidy', () => {
  it('adds the extra credit, and keeps what is owed consistent', () => {
    const wrong = withWrongSubsidy(quote(600.75, 250.1));
    expect(wrong.aptc).toBe(250.1 + WRONG_SUBSIDY_EXTRA);
    expect(wrong.netPremium).toBe(Math.round((600.75 - wrong.aptc) * 100) / 100);
  });

  it('where the premium caps the credit, takes the extra off instead, never below zero', () => {
    expect(withWrongSubsidy(quote(400, 400)).aptc).toBe(400 - WRONG_SUBSIDY_EXTRA);
    expect(withWrongSubsidy(quote(20, 20)).aptc).toBe(0);
  });
});

describe('enrollmentOf', () => {
  it('enrolls the members Medicaid does not cover, keeping their place in the member id', () => {
    const household = {
      state: 'VA',
      countyFips: '51059',
      zip: '22030',
      city: 'Fairfax',
      street: '1 Main St',
      phone: '555-555-0100',
      members: [
        { relationship: 'self', firstName: 'A', lastName: 'B' },
        { relationship: 'child', firstName: 'C', lastName: 'B' },
        { relationship: 'child', firstName: 'D', lastName: 'B' },
      ],
    } as unknown as HouseholdInput;
    const eligibility = { ratingArea: 'R-VA010', medicaidMembers: [false, true, false] } as unknown as Eligibility;
    const e = enrollmentOf({
      confirmationNumber: 'EN123',
      householdId: 'app-1',
      household,
      planYear: 2026,
      eligibility,
      quote: quote(600.75, 250.1),
      submittedAt: new Date('2026-02-10T12:00:00Z'),
    });
    expect(e.members.map((m) => [m.memberId, m.premium])).toEqual([
      ['EN123-1', 300],
      ['EN123-3', 100.25],
    ]);
    expect(e).toMatchObject({ ratingArea: 'R-VA010', owed: 350.65, csrAmount: 0, effectiveDate: '2026-03-01', submittedAt: '2026-02-10T12:00:00.000Z' });
  });
});
