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
  /** Header REF*38: the master policy number (the issuer's 5-digit HIOS id here). */
  masterPolicy: '38',
  /** Loop 2300 REF*1L: the exchange-assigned policy id. */
  policyId: '1L',
  memberId: '17',
  planId: 'CE',
  /** Loop 2750 REF qualifiers: 9V payment amounts, 9X premiums and rating area, 17 text (see REPORTING_QUALIFIER). */
  paymentCategory: '9V',
  accountCategory: '9X',
  clientReporting: '17',
  /** DTP*007: the file's effective date in the header; in loop 2750 the date a category's value takes effect. */
  fileEffective: '007',
  categoryEffective: '007',
  /** Loop 2000 member dates: eligibility begin and maintenance effective. */
  eligibilityBegin: '356',
  maintenanceEffective: '303',
  coverageBegin: '348',
  coverageEnd: '349',
  dateFormat: 'D8',
  county: 'CY',
  phone: 'TE',
  informationContact: 'IP',
  totalQuantity: 'TO',
  dependentTotal: 'DT',
  employeeTotal: 'ET',
  healthLine: 'HLT',
  reportingLoop: '2700',
} as const;

/** BGN08 action code 2: change (update) — what the federal exchange sends for new enrollments too. */
export const BGN_ACTION_CHANGE = '2';
export const BGN_PURPOSE_ORIGINAL = '00';
/** BGN05 time zone code: the 834's times are written in UTC. */
export const BGN_TIME_ZONE_UTC = 'UT';

export const INS_MAINTENANCE = { add: '021', change: '001', cancel: '024', reinstate: '025', audit: '030' } as const;
/** INS04: EC benefit selection is what exchanges send for a new enrollment (28 initial enrollment is legal X12, not their usage). */
export const INS_REASON = { benefitSelection: 'EC', initialEnrollment: '28', nonPayment: '59', voluntaryWithdrawal: '14', idChange: '25' } as const;
export const INS_BENEFIT_ACTIVE = 'A';
export const INS_EMPLOYMENT_ACTIVE = 'AC';

/** INS02 individual relationship codes. */
export const RELATIONSHIP_CODE: Record<Relationship, string> = { self: '18', spouse: '01', child: '19' };
export const RELATIONSHIP_OF_CODE: Record<string, Relationship> = { '18': 'self', '01': 'spouse', '19': 'child' };

/** Loop 2750 reporting categories (N1*75*<name>, then the value in a REF qualified by REPORTING_QUALIFIER, then DTP*007). */
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

/**
 * The REF qualifier each category's value travels in, as exchanges send it: payment amounts in REF*9V, premiums and the
 * rating area in REF*9X, the exchange's text in REF*17. The older usage (every value in REF*9X) is still read.
 */
export const REPORTING_QUALIFIER: Record<ReportingCategory, string> = {
  memberPremium: QUALIFIER.accountCategory,
  premiumTotal: QUALIFIER.accountCategory,
  ratingArea: QUALIFIER.accountCategory,
  aptc: QUALIFIER.paymentCategory,
  csrAmount: QUALIFIER.paymentCategory,
  owed: QUALIFIER.paymentCategory,
  otherPayment: QUALIFIER.paymentCategory,
  sourceExchangeId: QUALIFIER.clientReporting,
  submittedAt: QUALIFIER.clientReporting,
  maintenanceReason: QUALIFIER.clientReporting,
};

/** How a transaction wrote loop 2750: as exchanges send it (REF*9V / 9X / 17, each with DTP*007) or the older all-9X usage. */
export const LAYOUTS = ['exchange', 'legacy'] as const;
export type Layout = (typeof LAYOUTS)[number];

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
