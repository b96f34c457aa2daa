// Loop 2000 of an 834 for one member: INS, identifiers, name, address, demographics, coverage (2300)
// and reporting categories (2700/2750). Segments are returned as element arrays; the caller joins them.

import type { Enrollment, EnrollmentMember } from '../enrollment.ts';
import { amount, d8, digits, text, timestamp14 } from './format.ts';
import {
  INS_BENEFIT_ACTIVE,
  INS_EMPLOYMENT_ACTIVE,
  INS_MAINTENANCE,
  INS_REASON,
  QUALIFIER as Q,
  RELATIONSHIP_CODE,
  REPORTING_CATEGORY,
  SEGMENT as S,
  SUBSCRIBER_ONLY_CATEGORIES,
  type ReportingCategory,
} from './vocabulary.ts';

export type Segment = readonly string[];

/** The subscriber id (REF*0F) is the subscriber member's id, as the federal exchange assigns it. */
export function subscriberIdOf(enrollment: Enrollment): string {
  const subscriber = enrollment.members.find((m) => m.relationship === 'self') ?? enrollment.members[0];
  if (!subscriber) throw new RangeError(`enrollment ${enrollment.confirmationNumber}: expected at least one member`);
  return subscriber.memberId;
}

function categoryValue(category: ReportingCategory, enrollment: Enrollment, member: EnrollmentMember): string {
  switch (category) {
    case 'memberPremium':
      return amount(member.premium);
    case 'premiumTotal':
      return amount(enrollment.premium);
    case 'aptc':
      return amount(enrollment.aptc);
    case 'csrAmount':
      return amount(enrollment.csrAmount);
    case 'otherPayment':
      return amount(enrollment.otherPayment);
    case 'owed':
      return amount(enrollment.owed);
    case 'ratingArea':
      return text(enrollment.ratingArea);
    case 'sourceExchangeId':
      return `${text(enrollment.state)}0`;
    case 'submittedAt':
      return timestamp14(enrollment.submittedAt);
    case 'maintenanceReason':
      return '';
  }
}

function reportingLoop(enrollment: Enrollment, member: EnrollmentMember, subscriber: boolean): Segment[] {
  const categories: ReportingCategory[] = ['memberPremium', ...(subscriber ? SUBSCRIBER_ONLY_CATEGORIES : [])];
  const segments: Segment[] = [[S.loopHeader, Q.reportingLoop]];
  categories.forEach((category, index) => {
    segments.push([S.sequence, String(index + 1)]);
    segments.push([S.name, Q.reportingCategory, REPORTING_CATEGORY[category]]);
    segments.push([S.reference, Q.reportingValue, categoryValue(category, enrollment, member)]);
  });
  segments.push([S.loopTrailer, Q.reportingLoop]);
  return segments;
}

export function memberLoop(enrollment: Enrollment, member: EnrollmentMember): Segment[] {
  const subscriber = member.relationship === 'self';
  const segments: Segment[] = [
    [S.member, subscriber ? 'Y' : 'N', RELATIONSHIP_CODE[member.relationship], INS_MAINTENANCE.add, INS_REASON.initialEnrollment, INS_BENEFIT_ACTIVE, '', '', INS_EMPLOYMENT_ACTIVE],
    [S.reference, Q.subscriberId, text(subscriberIdOf(enrollment))],
    // The exchange's policy id is the confirmation number, so a receiver can key on it even without BGN02.
    [S.reference, Q.policyId, text(enrollment.confirmationNumber)],
    [S.reference, Q.memberId, text(member.memberId)],
    [S.memberName, Q.insuredPerson, '1', text(member.lastName), text(member.firstName), '', '', '', Q.ssn, digits(member.ssn)],
  ];
  if (subscriber) segments.push([S.contact, Q.informationContact, '', Q.phone, digits(enrollment.phone)]);
  segments.push(
    [S.street, text(enrollment.street)],
    [S.cityStateZip, text(enrollment.city), text(enrollment.state), digits(enrollment.zip), '', Q.county, digits(enrollment.countyFips)],
    [S.demographics, Q.dateFormat, d8(member.dob), member.sex],
    [S.healthRisk, member.tobacco ? 'T' : 'N'],
    [S.coverage, INS_MAINTENANCE.add, '', Q.healthLine],
    [S.date, Q.coverageBegin, Q.dateFormat, d8(enrollment.effectiveDate)],
    [S.date, Q.coverageEnd, Q.dateFormat, d8(enrollment.endDate)],
    [S.reference, Q.planId, text(enrollment.planId)],
    ...reportingLoop(enrollment, member, subscriber),
  );
  return segments;
}
