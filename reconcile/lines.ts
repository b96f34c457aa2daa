// The compact lines a partition is written in: a letter naming what the line holds, then only the fields
// reconciliation reads, separated by tabs (splitting on tabs is several times faster than JSON.parse). Encoders
// concatenate the fields directly and decoders build the objects directly: at ten million records a map/join per
// line, or an array of values per record, is most of the cost. Strings travel as they are, numbers as String(n)
// (which reads back exactly), booleans as 1/0. An item with a field of another type (or -0, NaN, ±Infinity, undefined),
// or a text holding a tab, newline, carriage return, backslash or lone surrogate, goes as a JSON array instead (the letter in lower
// case), with the values JSON cannot carry tagged: every value comes back as it went.

import type { Household, Member } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { enrolledMembers } from './compare.ts';

/** A number the tab form carries exactly: finite and not -0 (String(-0) is "0"). */
const plainNumber = (v: unknown): v is number => typeof v === 'number' && v - v === 0 && (v !== 0 || 1 / v > 0);
const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Whether a joined line of `fields` tab-separated fields has no other tab, no newline, carriage return or backslash,
 * and no lone surrogate (which UTF-8 cannot carry: it would come back as U+FFFD).
 */
function plainLine(text: string, fields: number): boolean {
  if (text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1 || text.indexOf('\\') !== -1) return false;
  if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return false;
  let tabs = 0;
  for (let at = text.indexOf('\t'); at !== -1; at = text.indexOf('\t', at + 1)) if (++tabs > fields) return false;
  return tabs === fields;
}

// The JSON form: values JSON would change (undefined, non-finite numbers, -0, bigints) go as a tagged object.
const TAG = '\u0000';
function tagged(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'bigint') return { [TAG]: 'bigint', v: String(value) };
  if (typeof value === 'number' && !plainNumber(value)) return { [TAG]: 'number', v: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}
function untagged(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(TAG in value)) return value;
  const { [TAG]: tag, v } = value as { [TAG]: string; v?: string };
  return tag === 'undefined' ? undefined : tag === 'bigint' ? BigInt(v!) : Number(v);
}
const jsonLine = (letter: string, values: unknown[]): string => `${letter}${JSON.stringify(values.map(tagged))}`;
const jsonValues = (text: string): unknown[] => (JSON.parse(text.slice(1)) as unknown[]).map(untagged);

/**
 * Where lines go. `tabs` takes a tab line of `tabs` separators if it is plain (no other tab, no newline, carriage
 * return, backslash or lone surrogate) and says so; nothing is written when it is not, and the JSON form follows.
 * PartitionFiles checks the bytes it has just written (one pass, no string copy); a string is checked by plainLine.
 */
export interface LineSink {
  tabs(partition: number, text: string, tabs: number): boolean;
  json(partition: number, text: string): void;
}

/** One line as a string (for a single item, and tests). */
class StringSink implements LineSink {
  line = '';
  tabs(_partition: number, text: string, tabs: number): boolean {
    if (!plainLine(text, tabs)) return false;
    this.line = text;
    return true;
  }
  json(_partition: number, text: string): void {
    this.line = text;
  }
}
const asString = (write: (sink: LineSink) => void): string => {
  const sink = new StringSink();
  write(sink);
  return sink.line;
};

const LEDGER_FIELDS = 9;
const RECORD_FIELDS = 24;
const HOUSEHOLD_FIELDS = 5;
const MEMBER_FIELDS = 6;

export const ledgerLine = (seq: number, e: LedgerEntry): string => asString((sink) => writeLedger(sink, 0, seq, e));

export function writeLedger(sink: LineSink, partition: number, seq: number, e: LedgerEntry): void {
  const { householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt } = e;
  if (
    isString(householdId) &&
    isString(confirmationNumber) &&
    isString(planId) &&
    plainNumber(premium) &&
    plainNumber(aptc) &&
    plainNumber(owed) &&
    isString(effectiveDate) &&
    isString(confirmedAt)
  ) {
    const text = `L\t${seq}\t${householdId}\t${confirmationNumber}\t${planId}\t${premium}\t${aptc}\t${owed}\t${effectiveDate}\t${confirmedAt}`;
    if (sink.tabs(partition, text, LEDGER_FIELDS)) return;
  }
  sink.json(partition, jsonLine('l', [seq, householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt]));
}

export function ledgerOf(text: string): { seq: number; entry: LedgerEntry } {
  if (text.charCodeAt(1) !== 9) {
    const [seq, householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt] = jsonValues(text);
    return { seq: seq as number, entry: { householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt } as LedgerEntry };
  }
  const p = text.split('\t');
  const entry = {
    householdId: p[2]!,
    confirmationNumber: p[3]!,
    planId: p[4]!,
    premium: Number(p[5]),
    aptc: Number(p[6]),
    owed: Number(p[7]),
    effectiveDate: p[8]!,
    confirmedAt: p[9]!,
  };
  return { seq: Number(p[1]), entry };
}

/** The record fields reconciliation reads, in line order (after the line's letter and the stream position). */
export const recordLine = (seq: number, r: InsurerRecord): string => asString((sink) => writeRecord(sink, 0, seq, r));

export function writeRecord(sink: LineSink, partition: number, seq: number, r: InsurerRecord): void {
  const {
    confirmationNumber: c,
    receivedAt,
    receiverIssuerId,
    senderId,
    interchangeControl,
    transactionControl,
    memberId,
    relationship,
    subscriber,
    firstName,
    lastName,
    dob,
    sex,
    ssn,
    planId,
    effectiveDate,
    ratingArea,
    premiumTotal,
    aptc,
    otherPayment,
    owed,
    zip,
    countyFips,
  } = r;
  if (
    isString(c) &&
    isString(receivedAt) &&
    isString(receiverIssuerId) &&
    isString(senderId) &&
    plainNumber(interchangeControl) &&
    isString(transactionControl) &&
    isString(memberId) &&
    isString(relationship) &&
    typeof subscriber === 'boolean' &&
    isString(firstName) &&
    isString(lastName) &&
    isString(dob) &&
    isString(sex) &&
    isString(ssn) &&
    isString(planId) &&
    isString(effectiveDate) &&
    isString(ratingArea) &&
    plainNumber(premiumTotal) &&
    plainNumber(aptc) &&
    plainNumber(otherPayment) &&
    plainNumber(owed) &&
    isString(zip) &&
    isString(countyFips)
  ) {
    const text = `R\t${seq}\t${c}\t${receivedAt}\t${receiverIssuerId}\t${senderId}\t${interchangeControl}\t${transactionControl}\t${memberId}\t${relationship}\t${subscriber ? 1 : 0}\t${firstName}\t${lastName}\t${dob}\t${sex}\t${ssn}\t${planId}\t${effectiveDate}\t${ratingArea}\t${premiumTotal}\t${aptc}\t${otherPayment}\t${owed}\t${zip}\t${countyFips}`;
    if (sink.tabs(partition, text, RECORD_FIELDS)) return;
  }
  sink.json(
    partition,
    jsonLine('r', [
      seq,
      c,
      receivedAt,
      receiverIssuerId,
      senderId,
      interchangeControl,
      transactionControl,
      memberId,
      relationship,
      subscriber,
      firstName,
      lastName,
      dob,
      sex,
      ssn,
      planId,
      effectiveDate,
      ratingArea,
      premiumTotal,
      aptc,
      otherPayment,
      owed,
      zip,
      countyFips,
    ]),
  );
}

/** A record with only the fields reconciliation reads (the others are absent). */
export function recordOf(text: string): { seq: number; record: InsurerRecord } {
  if (text.charCodeAt(1) !== 9) {
    const p = jsonValues(text);
    return { seq: p[0] as number, record: recordFrom(p, 0, p[5], p[9], p[18], p[19], p[20], p[21]) };
  }
  const p = text.split('\t');
  return { seq: Number(p[1]), record: recordFrom(p, 1, Number(p[6]), p[10] === '1', Number(p[19]), Number(p[20]), Number(p[21]), Number(p[22])) };
}

/** The record from its line's values, the stream position at `o` (numbers and booleans already typed). */
function recordFrom(
  p: unknown[],
  o: number,
  interchangeControl: unknown,
  subscriber: unknown,
  premiumTotal: unknown,
  aptc: unknown,
  otherPayment: unknown,
  owed: unknown,
): InsurerRecord {
  return {
    confirmationNumber: p[o + 1],
    receivedAt: p[o + 2],
    receiverIssuerId: p[o + 3],
    senderId: p[o + 4],
    interchangeControl,
    transactionControl: p[o + 6],
    memberId: p[o + 7],
    relationship: p[o + 8],
    subscriber,
    firstName: p[o + 10],
    lastName: p[o + 11],
    dob: p[o + 12],
    sex: p[o + 13],
    ssn: p[o + 14],
    planId: p[o + 15],
    effectiveDate: p[o + 16],
    ratingArea: p[o + 17],
    premiumTotal,
    aptc,
    otherPayment,
    owed,
    zip: p[o + 22],
    countyFips: p[o + 23],
  } as unknown as InsurerRecord;
}

/** A household as reconciliation reads it: where it lives, the credit the oracle expects, and the members who enroll. */
export const householdLine = (h: Household): string => asString((sink) => writeHousehold(sink, 0, h));

export function writeHousehold(sink: LineSink, partition: number, h: Household): void {
  const { id, ratingArea, countyFips, zip } = h;
  const aptc = h.expected.aptc;
  const members = enrolledMembers(h);
  if (isString(id) && isString(ratingArea) && isString(countyFips) && isString(zip) && plainNumber(aptc)) {
    let text = `H\t${id}\t${ratingArea}\t${countyFips}\t${zip}\t${aptc}`;
    let fit = true;
    for (const m of members) {
      const { firstName, lastName, dob, sex, relationship, ssn } = m;
      if (!(isString(firstName) && isString(lastName) && isString(dob) && isString(sex) && isString(relationship) && isString(ssn))) {
        fit = false;
        break;
      }
      text += `\t${firstName}\t${lastName}\t${dob}\t${sex}\t${relationship}\t${ssn}`;
    }
    if (fit && sink.tabs(partition, text, HOUSEHOLD_FIELDS + MEMBER_FIELDS * members.length)) return;
  }
  const values: unknown[] = [id, ratingArea, countyFips, zip, aptc];
  for (const m of members) values.push(m.firstName, m.lastName, m.dob, m.sex, m.relationship, m.ssn);
  sink.json(partition, jsonLine('h', values));
}

/** Only the fields compare.ts reads: the members who enroll (no Medicaid flags, so all of them count). */
export function householdOf(text: string): Household {
  const json = text.charCodeAt(1) !== 9;
  // Both forms as [id, ratingArea, countyFips, zip, aptc, ...members]: the tab form has the letter first.
  const p = json ? jsonValues(text) : text.split('\t');
  const from = json ? 0 : 1;
  const members: Member[] = [];
  for (let at = from + HOUSEHOLD_FIELDS; at < p.length; at += MEMBER_FIELDS)
    members.push({ firstName: p[at], lastName: p[at + 1], dob: p[at + 2], sex: p[at + 3], relationship: p[at + 4], ssn: p[at + 5] } as Member);
  const aptc = json ? p[4] : Number(p[5]);
  return { id: p[from], ratingArea: p[from + 1], countyFips: p[from + 2], zip: p[from + 3], expected: { aptc }, members } as unknown as Household;
}

export type LineKind = 'household' | 'ledger' | 'record';

export function kindOf(text: string): LineKind {
  const letter = text.charCodeAt(0) | 0x20; // either case
  return letter === 104 /* h */ ? 'household' : letter === 108 /* l */ ? 'ledger' : 'record';
}
