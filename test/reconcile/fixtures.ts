// Hand-built households, ledger entries and insurer records for the reconciliation tests.

import type { Household } from '../../domain/household.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import type { LedgerEntry } from '../../domain/ledger.ts';

export function household(n: number): Household {
  return {
    id: `hh-${n}`,
    state: 'VA',
    countyFips: '51059',
    zip: '22030',
    city: 'Fairfax',
    street: '1 Main St',
    ratingArea: 'R-VA010',
    phone: '555-0101',
    email: `a${n}@example.com`,
    householdIncome: 40_000,
    householdSize: 2,
    members: [
      { firstName: 'Ada', lastName: 'Lovelace', dob: '1985-03-04', sex: 'F', relationship: 'self', ssn: `9001${String(n).padStart(5, '0')}`, tobacco: false },
      { firstName: 'Byron', lastName: 'Lovelace', dob: '2015-12-10', sex: 'M', relationship: 'child', ssn: `9002${String(n).padStart(5, '0')}`, tobacco: false },
    ],
    plan: { id: '12345VA0010001', issuerId: '12345', metal: 'silver' },
    expected: {
      planYear: 2026,
      fplPercent: 180,
      result: 'aptc',
      medicaidMembers: [false, false],
      applicablePercent: 5.2,
      benchmarkPremium: 900,
      planPremium: 900,
      aptc: 700,
      netPremium: 200,
      csrVariant: '05',
      planIdWithVariant: '12345VA0010001-05',
      memberPremiums: [600, 300],
    },
  };
}

export function ledgerEntry(n: number): LedgerEntry {
  return {
    householdId: `hh-${n}`,
    confirmationNumber: `CNF-${n}`,
    planId: '12345VA0010001-05',
    premium: 900,
    aptc: 700,
    owed: 200,
    effectiveDate: '2026-01-01',
    confirmedAt: '2025-11-01T12:00:00.000Z',
  };
}

/** The member records a correct insurer stores for household n, received 5 s after confirmation. */
export function receivedRecords(n: number, interchangeControl = n): InsurerRecord[] {
  const h = household(n);
  return h.members.map((m, memberIndex) => ({
    receiverIssuerId: '12345',
    senderId: 'FFM',
    interchangeControl,
    transactionControl: '0001',
    memberIndex,
    receivedAt: '2025-11-01T12:00:05.000Z',
    confirmationNumber: `CNF-${n}`,
    policyId: `CNF-${n}`,
    subscriberId: `M-${n}-0`,
    memberId: `M-${n}-${memberIndex}`,
    relationship: m.relationship,
    subscriber: m.relationship === 'self',
    maintenanceType: '021',
    firstName: m.firstName.toUpperCase(),
    lastName: m.lastName,
    dob: m.dob,
    sex: m.sex,
    ssn: m.ssn,
    tobacco: m.tobacco,
    phone: '5550101',
    street: h.street,
    city: h.city,
    state: h.state,
    zip: h.zip,
    countyFips: h.countyFips,
    planId: '12345VA0010001-05',
    effectiveDate: '2026-01-01',
    endDate: '2026-12-31',
    ratingArea: h.ratingArea,
    premiumTotal: 900,
    memberPremium: h.expected.memberPremiums[memberIndex]!,
    aptc: 700,
    csrAmount: 0,
    otherPayment: 0,
    owed: 200,
    sourceExchangeId: 'VA0',
    submittedAt: '2025-11-01T11:59:00.000Z',
  }));
}
