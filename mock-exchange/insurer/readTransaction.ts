// Walks one 834 transaction set (ST..SE) segment by segment: checks what an insurer needs before it can enroll
// anyone, and reads the members it would store. Problems point at the segment and element for the 999.
// Loop 2750 is read in both usages: as exchanges send it (REF*9V / 9X / 17 by category, each with DTP*007) and the
// older one (every value in REF*9X, no DTP*007); which one a transaction used is its `layout`.

import type { X12Segment, X12Transaction } from 'node-x12';
import {
  QUALIFIER as Q,
  RELATIONSHIP_OF_CODE,
  REPORTING_CATEGORY,
  REPORTING_QUALIFIER,
  REQUIRED_SUBSCRIBER_CATEGORIES,
  SEGMENT as S,
  type Layout,
  type ReportingCategory,
} from '../../domain/edi834/vocabulary.ts';
import { AMOUNT, cents, isD8, type SegmentProblem } from './problems.ts';

/** A segment with its position in the transaction set (ST = 1). */
export interface Positioned {
  segment: X12Segment;
  position: number;
}

export interface MemberLoop {
  ins: Positioned;
  /** Loops 2000 to 2300: the segments after INS up to the reporting loop (LS*2700 or the first N1*75), or to the next INS. */
  segments: Positioned[];
  /** Loop 2750 values by category name (N1*75*<name> → the REF after it). */
  categories: Map<string, { value: string; at: Positioned }>;
  /** True when a category used the exchanges' usage: a REF*9V or REF*17 value, or a DTP*007 after it. */
  exchangeUsage: boolean;
}

export interface TransactionRead {
  confirmationNumber: string;
  members: MemberLoop[];
  problems: SegmentProblem[];
  /** `exchange` when any member's loop 2750 was written as exchanges send it, else `legacy` (every value in REF*9X). */
  layout: Layout;
}

export const el = (segment: X12Segment, n: number): string => segment.elements[n - 1]?.value ?? '';

const AMOUNT_CATEGORIES = new Set<string>([
  REPORTING_CATEGORY.memberPremium,
  REPORTING_CATEGORY.premiumTotal,
  REPORTING_CATEGORY.aptc,
  REPORTING_CATEGORY.csrAmount,
  REPORTING_CATEGORY.otherPayment,
  REPORTING_CATEGORY.owed,
]);
const PLAN_ID = /^\d{5}[A-Z]{2}\d{7}-\d{2}$/;

export function find(segments: Positioned[], tag: string, qualifier?: string): Positioned | undefined {
  return segments.find((p) => p.segment.tag === tag && (qualifier === undefined || el(p.segment, 1) === qualifier));
}

const CATEGORY_BY_NAME = new Map<string, ReportingCategory>(Object.entries(REPORTING_CATEGORY).map(([key, name]) => [name, key as ReportingCategory]));
const CATEGORY_QUALIFIERS = new Set(Object.values(REPORTING_QUALIFIER));

/** A known category's value is in its exchange qualifier or, in the older usage, in REF*9X; an unknown one in any of them. */
function qualifiersFor(name: string): ReadonlySet<string> {
  const category = CATEGORY_BY_NAME.get(name);
  return category ? new Set([REPORTING_QUALIFIER[category], Q.accountCategory]) : CATEGORY_QUALIFIERS;
}

function readCategories(segments: Positioned[], problems: SegmentProblem[]): Pick<MemberLoop, 'categories' | 'exchangeUsage'> {
  const categories: MemberLoop['categories'] = new Map();
  let exchangeUsage = false;
  segments.forEach((p, i) => {
    if (p.segment.tag !== S.name || el(p.segment, 1) !== Q.reportingCategory) return;
    const name = el(p.segment, 2);
    const allowed = qualifiersFor(name);
    const ref = segments[i + 1];
    if (!ref || ref.segment.tag !== S.reference || !allowed.has(el(ref.segment, 1))) {
      problems.push({
        segmentId: S.reference,
        position: p.position + 1,
        loop: '2750',
        code: '3',
        why: `reporting category ${name} has no ${[...allowed].map((q) => `REF*${q}`).join(' or ')} value`,
      });
      return;
    }
    const value = el(ref.segment, 2);
    if (AMOUNT_CATEGORIES.has(name) && !AMOUNT.test(value)) {
      problems.push({
        segmentId: S.reference,
        position: ref.position,
        loop: '2750',
        code: '8',
        element: { position: 2, code: '6', value },
        why: `${name} ${JSON.stringify(value)} is not an amount`,
      });
    }
    if (el(ref.segment, 1) !== Q.accountCategory) exchangeUsage = true;
    const date = segments[i + 2];
    if (date && date.segment.tag === S.date && el(date.segment, 1) === Q.categoryEffective) {
      exchangeUsage = true;
      if (!isD8(el(date.segment, 3)))
        problems.push({
          segmentId: S.date,
          position: date.position,
          loop: '2750',
          code: '8',
          element: { position: 3, code: '8', value: el(date.segment, 3) },
          why: `DTP*007 of ${name} must be a date CCYYMMDD`,
        });
    }
    categories.set(name, { value, at: ref });
  });
  return { categories, exchangeUsage };
}

function checkMember(loop: MemberLoop, problems: SegmentProblem[]): void {
  const { ins, segments } = loop;
  const missing = (segmentId: string, loopId: string, what: string): void =>
    void problems.push({ segmentId, position: ins.position, loop: loopId, code: '3', why: `member at INS position ${ins.position} has no ${what}` });
  const bad = (at: Positioned, loopId: string, position: number, code: string, why: string): void =>
    void problems.push({
      segmentId: at.segment.tag,
      position: at.position,
      loop: loopId,
      code: '8',
      element: { position, code, value: el(at.segment, position) },
      why,
    });

  if (!['Y', 'N'].includes(el(ins.segment, 1))) bad(ins, '2000', 1, '7', 'INS01 must be Y or N');
  const relationship = RELATIONSHIP_OF_CODE[el(ins.segment, 2)];
  if (!relationship) bad(ins, '2000', 2, '7', 'INS02 must be 18, 01 or 19');
  else if ((relationship === 'self') !== (el(ins.segment, 1) === 'Y')) bad(ins, '2000', 2, 'I12', 'INS01 Y goes with INS02 18 (self) only');
  if (!find(segments, S.reference, Q.subscriberId)) missing(S.reference, '2000', 'REF*0F subscriber id');
  if (!find(segments, S.reference, Q.memberId)) missing(S.reference, '2000', 'REF*17 member id');
  const nm1 = find(segments, S.memberName, Q.insuredPerson);
  if (!nm1) missing(S.memberName, '2100A', 'NM1*IL name');
  else {
    if (!el(nm1.segment, 3)) bad(nm1, '2100A', 3, '1', 'NM103 last name missing');
    if (!/^\d{9}$/.test(el(nm1.segment, 9))) bad(nm1, '2100A', 9, el(nm1.segment, 9) ? '6' : '1', 'NM109 must be a nine-digit SSN');
  }
  for (const qualifier of [Q.eligibilityBegin, Q.maintenanceEffective]) {
    const date = find(segments, S.date, qualifier);
    if (date && !isD8(el(date.segment, 3))) bad(date, '2000', 3, '8', `DTP*${qualifier} must be a date CCYYMMDD`);
  }
  const dmg = find(segments, S.demographics);
  if (!dmg) missing(S.demographics, '2100A', 'DMG demographics');
  else {
    if (!isD8(el(dmg.segment, 2))) bad(dmg, '2100A', 2, '8', 'DMG02 must be a date CCYYMMDD');
    if (!['M', 'F', 'U'].includes(el(dmg.segment, 3))) bad(dmg, '2100A', 3, '7', 'DMG03 must be M, F or U');
  }
  if (!find(segments, S.coverage)) missing(S.coverage, '2300', 'HD coverage');
  const begin = find(segments, S.date, Q.coverageBegin);
  if (!begin) missing(S.date, '2300', 'DTP*348 coverage begin');
  else if (!isD8(el(begin.segment, 3))) bad(begin, '2300', 3, '8', 'DTP*348 must be a date CCYYMMDD');
  const end = find(segments, S.date, Q.coverageEnd);
  if (end && !isD8(el(end.segment, 3))) bad(end, '2300', 3, '8', 'DTP*349 must be a date CCYYMMDD');
  else if (end && begin && el(end.segment, 3) < el(begin.segment, 3)) bad(end, '2300', 3, 'I12', 'coverage ends before it begins');
  const plan = find(segments, S.reference, Q.planId);
  if (!plan) missing(S.reference, '2300', 'REF*CE plan id');
  else if (!PLAN_ID.test(el(plan.segment, 2))) bad(plan, '2300', 2, 'I12', 'REF*CE must be a 14-character plan id, a dash and a 2-digit variant');
}

function checkPolicy(subscriber: MemberLoop, problems: SegmentProblem[]): void {
  const c = subscriber.categories;
  for (const key of REQUIRED_SUBSCRIBER_CATEGORIES) {
    const name = REPORTING_CATEGORY[key];
    if (!c.has(name))
      problems.push({ segmentId: S.name, position: subscriber.ins.position, loop: '2750', code: '3', why: `subscriber has no ${name} reporting category` });
  }
  const amount = (name: string): number => Number(c.get(name)?.value ?? '0');
  const total = c.get(REPORTING_CATEGORY.premiumTotal);
  if (!total || !AMOUNT.test(total.value)) return;
  const parts = cents(amount(REPORTING_CATEGORY.aptc)) + cents(amount(REPORTING_CATEGORY.otherPayment)) + cents(amount(REPORTING_CATEGORY.owed));
  if (cents(amount(REPORTING_CATEGORY.premiumTotal)) !== parts) {
    problems.push({
      segmentId: S.reference,
      position: total.at.position,
      loop: '2750',
      code: '8',
      element: { position: 2, code: 'I12', value: total.value },
      why: 'PRE AMT TOT must equal APTC AMT + OTH PAY AMT 1 + TOT RES AMT',
    });
  }
}

export function readTransaction(transaction: X12Transaction): TransactionRead {
  const problems: SegmentProblem[] = [];
  const all: Positioned[] = transaction.segments.map((segment, i) => ({ segment, position: i + 2 }));
  const firstIns = all.findIndex((p) => p.segment.tag === S.member);
  const header = firstIns === -1 ? all : all.slice(0, firstIns);
  const bgn = find(header, S.beginning);
  const confirmationNumber = bgn ? el(bgn.segment, 2) : '';
  if (!bgn) problems.push({ segmentId: S.beginning, position: 2, loop: '', code: '3', why: 'no BGN segment' });
  else {
    if (!confirmationNumber)
      problems.push({
        segmentId: S.beginning,
        position: bgn.position,
        loop: '',
        code: '8',
        element: { position: 2, code: '1' },
        why: 'BGN02 reference (confirmation number) missing',
      });
    if (!isD8(el(bgn.segment, 3)))
      problems.push({
        segmentId: S.beginning,
        position: bgn.position,
        loop: '',
        code: '8',
        element: { position: 3, code: '8', value: el(bgn.segment, 3) },
        why: 'BGN03 must be a date CCYYMMDD',
      });
  }
  if (!find(header, S.name, Q.exchangeSponsor)) problems.push({ segmentId: S.name, position: 2, loop: '1000A', code: '3', why: 'no N1*P5 sponsor' });
  if (!find(header, S.name, Q.issuer)) problems.push({ segmentId: S.name, position: 2, loop: '1000B', code: '3', why: 'no N1*IN issuer' });

  const members: MemberLoop[] = [];
  for (let i = Math.max(firstIns, 0); firstIns !== -1 && i < all.length; ) {
    let j = i + 1;
    while (j < all.length && all[j]!.segment.tag !== S.member) j++;
    const loop = all.slice(i + 1, j);
    // REF*17 is the member id in loop 2000 and a category's value in 2750: member fields are read before LS*2700 only.
    const reporting = loop.findIndex((p) => p.segment.tag === S.loopHeader || (p.segment.tag === S.name && el(p.segment, 1) === Q.reportingCategory));
    const segments = reporting === -1 ? loop : loop.slice(0, reporting);
    members.push({ ins: all[i]!, segments, ...readCategories(reporting === -1 ? [] : loop.slice(reporting), problems) });
    i = j;
  }
  if (members.length === 0) problems.push({ segmentId: S.member, position: all.length + 2, loop: '2000', code: '3', why: 'no INS member loop' });
  for (const member of members) checkMember(member, problems);
  const subscribers = members.filter((m) => el(m.ins.segment, 1) === 'Y');
  if (members.length > 0 && subscribers.length !== 1) {
    problems.push({
      segmentId: S.member,
      position: members[0]!.ins.position,
      loop: '2000',
      code: '8',
      element: { position: 1, code: 'I12' },
      why: `expected exactly one subscriber (INS01 Y), found ${subscribers.length}`,
    });
  }
  if (subscribers[0]) checkPolicy(subscribers[0], problems);
  return { confirmationNumber, members, problems, layout: members.some((m) => m.exchangeUsage) ? 'exchange' : 'legacy' };
}
