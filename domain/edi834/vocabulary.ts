// The X12 834/999 vocabulary both sides speak: segment ids, qualifiers, INS codes and reporting-category names.
// Names only — the generator and the insurer's validator each do their own (independent) parsing.

import type { Relationship } from '../household.ts';

/** Delimiters as the federal exchange uses them (ISA16 component, ISA11 repetition). */
export const DELIMITERS = { segment: '~', element: '*', component: '>', repetition: '^' } as const;

export const IMPLEMENTATION = { enrollment: '005010X220A1', acknowledgement: '005010X231A1', isaVersion: '00501' } as const;

/** GS01 functional identifier codes. */
export const FUNCTIONAL_ID = { enrollment: 'BE', acknowledgement: 'FA' } as const;

export const TRANSACTION_SET = { enrollment: '834', acknowledgement: '999' } as const;

export const SEGMENT = {
  interchangeHeader: 'ISA',
  interchangeTrailer: 'IEA',
  interchangeAck: 'TA1',
  groupHeader: 'GS',
  groupTrailer: 'GE',
  transactionHeader: 'ST',
  transactionTrailer: 'SE',
  beginning: 'BGN',
  quantity: 'QTY',
  name: 'N1',
  member: 'INS',
  reference: 'REF',
  memberName: 'NM1',
  contact: 'PER',
  street: 'N3',
  cityStateZip: 'N4',
  demographics: 'DMG',
  healthRisk: 'HLH',
  coverage: 'HD',
  date: 'DTP',
  loopHeader: 'LS',
  loopTrailer: 'LE',
  sequence: 'LX',
  ackGroup: 'AK1',
  ackTransaction: 'AK2',
  ackSegmentError: 'IK3',
  ackElementError: 'IK4',
  ackTransactionStatus: 'IK5',
  ackGroupStatus: 'AK9',
} as const;

/** Qualifiers by the segment they qualify. */
export const QUALIFIER = {
  exchangeSponsor: 'P5',
  issuer: 'IN',
  reportingCategory: '75',
  federalEin: 'FI',
  insuredPerson: 'IL',
  ssn: '34',
  subscriberId: '0F',
  policyId: '1L',
  memberId: '17',
  planId: 'CE',
  reportingValue: '9X',
  fileEffective: '007',
  coverageBegin: '348',
  coverageEnd: '349',
  dateFormat: 'D8',
  county: 'CY',
  phone: 'TE',
  informationContact: 'IP',
  totalQuantity: 'TO',
  healthLine: 'HLT',
  reportingLoop: '2700',
} as const;

/** BGN08 action code 2: change (update) — what the federal exchange sends for new enrollments too. */
export const BGN_ACTION_CHANGE = '2';
export const BGN_PURPOSE_ORIGINAL = '00';

export const INS_MAINTENANCE = { add: '021', change: '001', cancel: '024', reinstate: '025', audit: '030' } as const;
export const INS_REASON = { initialEnrollment: '28', nonPayment: '59', voluntaryWithdrawal: '14', idChange: '25' } as const;
export const INS_BENEFIT_ACTIVE = 'A';
export const INS_EMPLOYMENT_ACTIVE = 'AC';

/** INS02 individual relationship codes. */
export const RELATIONSHIP_CODE: Record<Relationship, string> = { self: '18', spouse: '01', child: '19' };
export const RELATIONSHIP_OF_CODE: Record<string, Relationship> = { '18': 'self', '01': 'spouse', '19': 'child' };

/** Loop 2750 reporting categories (N1*75*<name>, value in REF*9X). */
export const REPORTING_CATEGORY = {
  memberPremium: 'PRE AMT 1',
  premiumTotal: 'PRE AMT TOT',
  aptc: 'APTC AMT',
  csrAmount: 'CSR AMT',
  otherPayment: 'OTH PAY AMT 1',
  owed: 'TOT RES AMT',
  ratingArea: 'RATING AREA',
  sourceExchangeId: 'SOURCE EXCHANGE ID',
  submittedAt: 'REQUEST SUBMIT TIMESTAMP',
  maintenanceReason: 'ADDL MAINT REASON',
} as const;

export type ReportingCategory = keyof typeof REPORTING_CATEGORY;

/** Policy-level categories sent on the subscriber only; every member carries PRE AMT 1. */
export const SUBSCRIBER_ONLY_CATEGORIES: readonly ReportingCategory[] = [
  'premiumTotal',
  'aptc',
  'csrAmount',
  'otherPayment',
  'owed',
  'ratingArea',
  'sourceExchangeId',
  'submittedAt',
];

/** Categories an insurer needs before it can bill: the invariant PRE AMT TOT = APTC + OTH PAY + TOT RES uses them. */
export const REQUIRED_SUBSCRIBER_CATEGORIES: readonly ReportingCategory[] = ['premiumTotal', 'aptc', 'owed'];

/** 999 IK5 / AK9 acknowledgement codes. */
export const ACK_STATUS = { accepted: 'A', acceptedWithErrors: 'E', partiallyAccepted: 'P', rejected: 'R' } as const;
