// Turns an accepted transaction's member loops into the member records the insurer stores.
// Policy-level values (premium total, APTC, rating area …) come from the subscriber's loop 2750 onto every member.

import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import { QUALIFIER as Q, REPORTING_CATEGORY as C, RELATIONSHIP_OF_CODE, SEGMENT as S } from '../../domain/edi834/vocabulary.ts';
import { d8ToIso, isD8, timestamp14ToIso } from './problems.ts';
import { el, find, type MemberLoop, type TransactionRead } from './readTransaction.ts';

export interface InterchangeFacts {
  senderId: string;
  receiverIssuerId: string;
  interchangeControl: number;
  transactionControl: string;
  receivedAt: string;
}

function value(loop: MemberLoop, tag: string, qualifier: string | undefined, n: number): string {
  const found = find(loop.segments, tag, qualifier);
  return found ? el(found.segment, n) : '';
}

const money = (loop: MemberLoop | undefined, name: string): number => Number(loop?.categories.get(name)?.value ?? '0') || 0;
const category = (loop: MemberLoop | undefined, name: string): string => loop?.categories.get(name)?.value ?? '';
const date = (d8: string): string => (isD8(d8) ? d8ToIso(d8) : '');

export function toRecords(read: TransactionRead, facts: InterchangeFacts): InsurerRecord[] {
  const subscriber = read.members.find((m) => el(m.ins.segment, 1) === 'Y');
  return read.members.map((loop, memberIndex): InsurerRecord => {
    const code = el(loop.ins.segment, 2);
    const tobacco = value(loop, S.healthRisk, undefined, 1);
    return {
      receiverIssuerId: facts.receiverIssuerId,
      senderId: facts.senderId,
      interchangeControl: facts.interchangeControl,
      transactionControl: facts.transactionControl,
      memberIndex,
      receivedAt: facts.receivedAt,
      confirmationNumber: read.confirmationNumber,
      policyId: value(loop, S.reference, Q.policyId, 2) || null,
      subscriberId: value(loop, S.reference, Q.subscriberId, 2),
      memberId: value(loop, S.reference, Q.memberId, 2),
      relationship: RELATIONSHIP_OF_CODE[code] ?? `code:${code}`,
      subscriber: el(loop.ins.segment, 1) === 'Y',
      maintenanceType: el(loop.ins.segment, 3),
      firstName: value(loop, S.memberName, Q.insuredPerson, 4),
      lastName: value(loop, S.memberName, Q.insuredPerson, 3),
      dob: date(value(loop, S.demographics, undefined, 2)),
      sex: value(loop, S.demographics, undefined, 3),
      ssn: value(loop, S.memberName, Q.insuredPerson, 9),
      tobacco: tobacco === 'T' ? true : tobacco === 'N' ? false : null,
      phone: value(subscriber ?? loop, S.contact, Q.informationContact, 4),
      street: value(loop, S.street, undefined, 1),
      city: value(loop, S.cityStateZip, undefined, 1),
      state: value(loop, S.cityStateZip, undefined, 2),
      zip: value(loop, S.cityStateZip, undefined, 3),
      countyFips: value(loop, S.cityStateZip, undefined, 5) === Q.county ? value(loop, S.cityStateZip, undefined, 6) : '',
      planId: value(loop, S.reference, Q.planId, 2),
      effectiveDate: date(value(loop, S.date, Q.coverageBegin, 3)),
      endDate: date(value(loop, S.date, Q.coverageEnd, 3)),
      ratingArea: category(subscriber, C.ratingArea),
      premiumTotal: money(subscriber, C.premiumTotal),
      memberPremium: money(loop, C.memberPremium),
      aptc: money(subscriber, C.aptc),
      csrAmount: money(subscriber, C.csrAmount),
      otherPayment: money(subscriber, C.otherPayment),
      owed: money(subscriber, C.owed),
      sourceExchangeId: category(subscriber, C.sourceExchangeId),
      submittedAt: timestamp14ToIso(category(subscriber, C.submittedAt)),
    };
  });
}
