// The exchange's answers as the consumers read them: the shapes every journey and oracle check types its reading by.

import type { Eligibility } from '../../domain/oracle.ts';

/** The exchange answers eligibility in the oracle's own shape. */
export type EligibilityAnswer = Eligibility;

export interface Confirmation {
  confirmationNumber: string;
  effectiveDate: string;
  planId: string;
  issuerId: string;
  metal: string;
  premium: number;
  aptc: number;
  owed: number;
}

/** A plan as anonymous browsing lists it: premiums before subsidy. */
export interface BrowsedPlan {
  planId: string;
  premium: number;
}
