// An enrollment as the exchange confirms it and as it must reach the insurer in an 834.
// One record per enrollment group (household); members carry what the 2000/2100A loops need.

import type { Metal, Relationship, Sex } from './household.ts';

export interface EnrollmentMember {
  /** Exchange-assigned member id (REF*17). */
  memberId: string;
  relationship: Relationship;
  firstName: string;
  lastName: string;
  dob: string;
  sex: Sex;
  ssn: string;
  tobacco: boolean;
  /** This member's share of the premium (PRE AMT 1), dollars. */
  premium: number;
}

export interface Enrollment {
  /** What the consumer was told; the key of reconciliation. */
  confirmationNumber: string;
  householdId: string;
  issuerId: string;
  /** 14-char plan id + '-' + 2-digit variant. */
  planId: string;
  metal: Metal;
  planYear: number;
  /** CCYY-MM-DD */
  effectiveDate: string;
  endDate: string;
  state: string;
  countyFips: string;
  zip: string;
  city: string;
  street: string;
  phone: string;
  ratingArea: string;
  /** PRE AMT TOT */
  premium: number;
  /** APTC AMT */
  aptc: number;
  /** CSR AMT */
  csrAmount: number;
  /** OTH PAY AMT 1 */
  otherPayment: number;
  /** TOT RES AMT: what the enrollee owes. */
  owed: number;
  /** ISO-8601 instant the consumer submitted the enrollment. */
  submittedAt: string;
  members: EnrollmentMember[];
}
