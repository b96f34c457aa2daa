// Hand-built enrollments for the 834 and insurer tests (independent of the applicant generator).

import type { Enrollment } from '../../../domain/enrollment.ts';
import type { InterchangeEnvelope } from '../../../domain/edi834/index.ts';

export function familyEnrollment(overrides: Partial<Enrollment> = {}): Enrollment {
  return {
    confirmationNumber: 'CNF-000123',
    householdId: 'hh-1',
    issuerId: '12345',
    planId: '12345VA0010001-04',
    metal: 'silver',
    planYear: 2026,
    effectiveDate: '2026-01-01',
    endDate: '2026-12-31',
    state: 'VA',
    countyFips: '51059',
    zip: '22030',
    city: 'Fairfax',
    street: '1 Main St',
    phone: '703-555-0101',
    ratingArea: 'R-VA010',
    premium: 1500.5,
    aptc: 1200.25,
    csrAmount: 0,
    otherPayment: 0,
    owed: 300.25,
    submittedAt: '2025-11-01T14:03:05.000Z',
    members: [
      {
        memberId: 'M-1',
        relationship: 'self',
        firstName: 'Ada',
        lastName: 'Lovelace',
        dob: '1985-03-04',
        sex: 'F',
        ssn: '900-12-3456',
        tobacco: false,
        premium: 700.5,
      },
      {
        memberId: 'M-2',
        relationship: 'spouse',
        firstName: 'Will',
        lastName: 'Lovelace',
        dob: '1984-07-08',
        sex: 'M',
        ssn: '900123457',
        tobacco: true,
        premium: 600,
      },
      {
        memberId: 'M-3',
        relationship: 'child',
        firstName: 'Byron',
        lastName: 'Lovelace',
        dob: '2015-12-10',
        sex: 'M',
        ssn: '900123458',
        tobacco: false,
        premium: 200,
      },
    ],
    ...overrides,
  };
}

export function singleEnrollment(n: number): Enrollment {
  const base = familyEnrollment();
  return familyEnrollment({
    confirmationNumber: `CNF-${String(n).padStart(6, '0')}`,
    householdId: `hh-${n}`,
    premium: 700.5,
    aptc: 500,
    owed: 200.5,
    members: [{ ...base.members[0]!, memberId: `M-${n}`, ssn: `9001${String(n).padStart(5, '0')}` }],
  });
}

export function envelope(overrides: Partial<InterchangeEnvelope> = {}): InterchangeEnvelope {
  return {
    senderId: 'FFM',
    receiverId: '12345',
    receiverName: 'Blue Example Health',
    receiverEin: '123456789',
    exchangeName: 'Federally Facilitated Marketplace',
    exchangeEin: '987654321',
    interchangeControl: 42,
    groupControl: 7,
    createdAt: new Date('2025-11-01T14:05:06Z'),
    ...overrides,
  };
}
