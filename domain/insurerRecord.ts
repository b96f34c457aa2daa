// What the mock insurer stored: one record per member of each accepted 834 transaction, as it read them.
// The insurer's side of the three-way reconciliation (GET /records streams these as NDJSON).

export interface InsurerRecord {
  /** GS03 of the interchange: the issuer the file was addressed to (misrouting shows here). */
  receiverIssuerId: string;
  /** GS02 / ISA06 of the interchange. */
  senderId: string;
  /** ISA13: a re-sent interchange keeps it; a new interchange has a new one. */
  interchangeControl: number;
  /** ST02 of the transaction inside the interchange. */
  transactionControl: string;
  /** 0-based position of the member's INS loop in the transaction (a member listed twice shows as two positions). */
  memberIndex: number;
  /** ISO-8601 instant the insurer received the interchange. */
  receivedAt: string;
  /** BGN02: the confirmation number the consumer was given. */
  confirmationNumber: string;
  /** REF*1L (loop 2300; loop 2000 in the older usage), the exchange's policy id (the confirmation number again); null when absent. */
  policyId: string | null;
  /** REF*0F */
  subscriberId: string;
  /** REF*17 */
  memberId: string;
  /** INS02 decoded: self / spouse / child; an unknown code is kept as `code:<XX>`. */
  relationship: string;
  /** INS01 = Y */
  subscriber: boolean;
  /** INS03: 021 add, 001 change, 024 cancel … */
  maintenanceType: string;
  firstName: string;
  lastName: string;
  /** CCYY-MM-DD */
  dob: string;
  sex: string;
  /** Nine digits as received. */
  ssn: string;
  tobacco: boolean | null;
  phone: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  countyFips: string;
  /** REF*CE: 14-char plan id + '-' + variant. */
  planId: string;
  /** DTP*348, CCYY-MM-DD */
  effectiveDate: string;
  /** DTP*349, CCYY-MM-DD; empty when absent. */
  endDate: string;
  /** Policy-level values come from the subscriber's loop 2750 and are repeated on every member. */
  ratingArea: string;
  premiumTotal: number;
  /** PRE AMT 1 of this member. */
  memberPremium: number;
  aptc: number;
  csrAmount: number;
  otherPayment: number;
  /** TOT RES AMT */
  owed: number;
  sourceExchangeId: string;
  /** REQUEST SUBMIT TIMESTAMP as ISO-8601 (UTC); empty when absent. */
  submittedAt: string;
}
