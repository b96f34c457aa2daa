// Loop 2000 of an 834 for one member, as exchanges send it: INS, identifiers and member dates, name, address,
// demographics (2100A), coverage with the policy id (2300), and reporting categories (2700/2750), each category's value
// in its own REF qualifier followed by DTP*007. Segments are returned as element arrays; the caller joins them.

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
  REPORTING_QUALIFIER,
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
    segments.push([S.reference, REPORTING_QUALIFIER[category], categoryValue(category, enrollment, member)]);
    // Every value takes effect with the coverage: the enrollment is new, so nothing changes mid-term.
    segments.push([S.date, Q.categoryEffective, Q.dateFormat, d8(enrollment.effectiveDate)]);
  });
  segments.push([S.loopTrailer, Q.reportingLoop]);
  return segments;
}

/** X12 omits trailing empty elements: INS*N*19*021*EC*A, not INS*N*19*021*EC*A***. */
function trimmed(segment: string[]): Segment {
  let end = segment.length;
  while (end > 1 && segment[end - 1] === '') end--;
  return segment.slice(0, end);
}

export function memberLoop(enrollment: Enrollment, member: EnrollmentMember): Segment[] {
  const subscriber = member.relationship === 'self';
  const begins = d8(enrollment.effectiveDate);
  const segments: Segment[] = [
    // INS08 (employment status) on the subscriber only; exchanges leave it empty on dependents.
    trimmed([
      S.member,
      subscriber ? 'Y' : 'N',
      RELATIONSHIP_CODE[member.relationship],
      INS_MAINTENANCE.add,
      INS_REASON.benefitSelection,
      INS_BENEFIT_ACTIVE,
      '',
      '',
      subscriber ? INS_EMPLOYMENT_ACTIVE : '',
    ]),
    [S.reference, Q.subscriberId, text(subscriberIdOf(enrollment))],
    [S.reference, Q.memberId, text(member.memberId)],
    // A new enrollment: eligibility and this maintenance both take effect when the coverage starts.
    [S.date, Q.eligibilityBegin, Q.dateFormat, begins],
    [S.date, Q.maintenanceEffective, Q.dateFormat, begins],
    [S.memberName, Q.insuredPerson, '1', text(member.lastName), text(member.firstName), '', '', '', Q.ssn, digits(member.ssn)],
  ];
  if (subscriber) segments.push([S.contact, Q.informationContact, '', Q.phone, digits(enrollment.phone)]);
  segments.push(
    [S.street, text(enrollment.street)],
    [S.cityStateZip, text(enrollment.city), text(enrollment.state), digits(enrollment.zip), '', Q.county, digits(enrollment.countyFips)],
    [S.demographics, Q.dateFormat, d8(member.dob), member.sex],
    [S.healthRisk, member.tobacco ? 'T' : 'N'],
    [S.coverage, INS_MAINTENANCE.add, '', Q.healthLine],
    [S.date, Q.coverageBegin, Q.dateFormat, begins],
    [S.date, Q.coverageEnd, Q.dateFormat, d8(enrollment.endDate)],
    [S.reference, Q.planId, text(enrollment.planId)],
    // The exchange's policy id is the confirmation number, so a receiver can key on it even without BGN02.
    [S.reference, Q.policyId, text(enrollment.confirmationNumber)],
    ...reportingLoop(enrollment, member, subscriber),
  );
  return segments;
}
