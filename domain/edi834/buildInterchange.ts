// The X12 834 (005010X220A1) interchange for a batch of enrollments: ISA/GS envelope, one ST per enrollment.
// Pure: same enrollments and envelope in, byte-identical text out (a retry re-sends exactly what was sent).

import type { Enrollment } from '../enrollment.ts';
import { ccyymmdd, control9, d8, fixed, hhmm, text } from './format.ts';
import { memberLoop, type Segment } from './memberLoop.ts';
import {
  BGN_ACTION_CHANGE,
  BGN_PURPOSE_ORIGINAL,
  BGN_TIME_ZONE_UTC,
  DELIMITERS as D,
  FUNCTIONAL_ID,
  IMPLEMENTATION,
  QUALIFIER as Q,
  SEGMENT as S,
  TRANSACTION_SET,
} from './vocabulary.ts';

export interface InterchangeEnvelope {
  /** ISA06 / GS02: the exchange's id. */
  senderId: string;
  /** ISA08 / GS03: the 5-digit HIOS issuer id the file is addressed to (the insurer records it as receiverIssuerId). */
  receiverId: string;
  receiverName: string;
  receiverEin: string;
  exchangeName: string;
  exchangeEin: string;
  /** ISA13 / IEA02; a retry must reuse it, which is how the insurer recognises a re-sent interchange. */
  interchangeControl: number;
  /** GS06 / GE02 */
  groupControl: number;
  createdAt: Date;
  usage?: 'T' | 'P';
}

/** ST02 of the n-th transaction (0-based): its 1-based position, zero-padded to four digits. */
export function transactionControl(index: number): string {
  return String(index + 1).padStart(4, '0');
}

function join(segment: Segment): string {
  return segment.join(D.element) + D.segment;
}

function isa(envelope: InterchangeEnvelope): string {
  const at = envelope.createdAt;
  const elements = [
    S.interchangeHeader,
    '00',
    fixed('', 10),
    '00',
    fixed('', 10),
    'ZZ',
    fixed(envelope.senderId, 15),
    'ZZ',
    fixed(envelope.receiverId, 15),
    ccyymmdd(at).slice(2),
    hhmm(at),
    D.repetition,
    IMPLEMENTATION.isaVersion,
    control9(envelope.interchangeControl),
    '0',
    envelope.usage ?? 'T',
    D.component,
  ];
  return join(elements);
}

/** Members in the order receivers expect: the subscriber's loop first, dependents after in their given order. */
function subscriberFirst(enrollment: Enrollment): Enrollment['members'] {
  return [...enrollment.members.filter((m) => m.relationship === 'self'), ...enrollment.members.filter((m) => m.relationship !== 'self')];
}

/** One ST..SE transaction set; SE01 counts every segment from ST to SE inclusive. */
export function transactionSet(enrollment: Enrollment, envelope: InterchangeEnvelope, control: string): string[] {
  const at = envelope.createdAt;
  // QTY*ET counts subscribers ("employees" in X12's words), QTY*DT everyone else.
  const dependents = enrollment.members.filter((m) => m.relationship !== 'self').length;
  const body: Segment[] = [
    [S.transactionHeader, TRANSACTION_SET.enrollment, control, IMPLEMENTATION.enrollment],
    [S.beginning, BGN_PURPOSE_ORIGINAL, text(enrollment.confirmationNumber), ccyymmdd(at), hhmm(at, true), BGN_TIME_ZONE_UTC, '', '', BGN_ACTION_CHANGE],
    // The master policy is the issuer's contract with the exchange: its 5-digit HIOS id (the file's receiver).
    [S.reference, Q.masterPolicy, text(envelope.receiverId)],
    [S.date, Q.fileEffective, Q.dateFormat, d8(enrollment.effectiveDate)],
    [S.quantity, Q.totalQuantity, String(enrollment.members.length)],
    [S.quantity, Q.dependentTotal, String(dependents)],
    [S.quantity, Q.employeeTotal, String(enrollment.members.length - dependents)],
    [S.name, Q.exchangeSponsor, text(envelope.exchangeName), Q.federalEin, text(envelope.exchangeEin)],
    [S.name, Q.issuer, text(envelope.receiverName), Q.federalEin, text(envelope.receiverEin)],
  ];
  for (const member of subscriberFirst(enrollment)) body.push(...memberLoop(enrollment, member));
  body.push([S.transactionTrailer, String(body.length + 1), control]);
  return body.map(join);
}

export function buildInterchange(enrollments: Enrollment[], envelope: InterchangeEnvelope): string {
  const at = envelope.createdAt;
  const group = String(envelope.groupControl);
  const lines: string[] = [
    isa(envelope),
    join([
      S.groupHeader,
      FUNCTIONAL_ID.enrollment,
      text(envelope.senderId),
      text(envelope.receiverId),
      ccyymmdd(at),
      hhmm(at),
      group,
      'X',
      IMPLEMENTATION.enrollment,
    ]),
  ];
  enrollments.forEach((enrollment, index) => lines.push(...transactionSet(enrollment, envelope, transactionControl(index))));
  lines.push(join([S.groupTrailer, String(enrollments.length), group]));
  lines.push(join([S.interchangeTrailer, '1', control9(envelope.interchangeControl)]));
  return lines.join('');
}
